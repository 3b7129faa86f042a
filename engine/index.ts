/** The engine's public surface: pure TypeScript, runs in Node, a Worker or the renderer. */
export * from './graph/schema';
export * from './graph/problems';
export { loadDocumentText, loadDocumentValue, type LoadResult } from './graph/load';
export { analyzeGraph, type GraphAnalysis } from './graph/analyze';
export { MIGRATIONS, migrateDocument, type Migration } from './graph/migrations';
export { atNeededVersion, versionNeeded } from './nodes/registry';
export { decodeTensorData, encodeTensor } from './graph/tensorData';
export { toJsonSchema } from './graph/jsonSchema';
export { summarize, type Summary, type SummaryRow } from './summary';
export * from './shapes/shape';
export { inferLayer, type LayerInfo } from './shapes/infer';
export { planAxis, planWindow, explainAxis, unreadPixels, type AxisPlan, type WindowPlan } from './shapes/windowArithmetic';
export type { MatrixEquivalent, MatrixCost } from './shapes/matrixEquivalent';
