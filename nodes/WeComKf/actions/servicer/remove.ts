import { servicerChange } from './change';

export const { description, execute } = servicerChange('remove');
