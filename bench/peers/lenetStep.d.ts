import type { Backend } from '../../engine/backend/backend';
export declare const BATCH = 32;
export declare function lenetStep(backend: Backend): () => void;
