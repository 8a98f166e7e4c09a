export { robotTextContent } from './text';
export { robotMarkdownContent, robotNewsContent } from '../wecomMessage';
export { robotImageContent } from './image';
export { robotFileContent, robotVoiceContent } from './media';
export { robotTemplateCardContent } from './templateCard';
