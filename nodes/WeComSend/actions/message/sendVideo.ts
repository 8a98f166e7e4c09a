import { videoContent } from '../../../shared/descriptions/wecomMessage';
import { sendOperation } from './send';

export const { description, execute } = sendOperation('sendVideo', videoContent);
