import { robotImageContent } from '../../../shared/descriptions/robotMessage';
import { robotSendOperation } from './send';

export const { description, execute } = robotSendOperation('sendImage', robotImageContent);
