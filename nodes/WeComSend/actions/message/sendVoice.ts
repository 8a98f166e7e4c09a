import { voiceContent } from '../../../shared/descriptions/wecomMessage';
import { sendOperation } from './send';

export const { description, execute } = sendOperation('sendVoice', voiceContent);
