export { createEventPipeline, recordEvent } from './pipeline';
export type { EventListeners, EventPipeline, PublishEvent } from './pipeline';
