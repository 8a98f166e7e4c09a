import { voiceContent } from '../../../shared/descriptions/wecomMessage';
import { chatSendOperation } from './send';

export const { description, execute } = chatSendOperation('sendVoice', voiceContent);
