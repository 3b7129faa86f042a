/**
 * Everything a view may need, handed down once through React context: the
 * document store, the training client and its settings, live activations,
 * the platform bridge, the command registry and the workspace's UI state.
 * Each view's entry in viewRegistry.tsx takes from it only what it uses.
 */
import { createContext, useContext } from 'react';
import type { LiveActivations } from '../activations/liveActivations';
import type { CommandRegistry } from '../commands/registry';
import type { PlatformBridge } from '../platform/bridge';
import type { DocumentStore } from '../store/documentStore';
import type { TrainingSettingsStore } from '../training/settingsStore';
import type { TrainingClient } from '../training/trainingClient';
import type { UiStore } from './uiStore';

export interface WorkspaceServices {
  store: DocumentStore;
  training: TrainingClient;
  settings: TrainingSettingsStore;
  live: LiveActivations;
  bridge: PlatformBridge;
  registry: CommandRegistry;
  ui: UiStore;
}

export const ServicesContext = createContext<WorkspaceServices | undefined>(undefined);

export function useServices(): WorkspaceServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('a workspace view rendered outside the workspace');
  return services;
}
