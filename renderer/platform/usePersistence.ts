/**
 * Autosave and recovery for the editor: connects the store to the platform
 * (title, dirty state, autosave) and holds the recovery offer until the user
 * answers it; autosave waits until then, or it would overwrite that very work.
 */
import { useEffect, useRef, useState } from 'react';
import type { DocumentStore } from '../store/documentStore';
import type { PlatformBridge, RecoveryOffer } from './bridge';
import { connectPersistence } from './persistence';

export function usePersistence(store: DocumentStore, bridge: PlatformBridge, recoveryOffer: Promise<RecoveryOffer>) {
  const [recovery, setRecovery] = useState<RecoveryOffer | undefined>();
  const persistence = useRef<ReturnType<typeof connectPersistence>>(undefined);
  useEffect(() => {
    const connection = connectPersistence(store, bridge, { paused: true });
    persistence.current = connection;
    let cancelled = false;
    void recoveryOffer.then((offer) => {
      if (cancelled) return;
      if (offer.problem) store.notify({ kind: 'error', text: offer.problem });
      if (offer.document) setRecovery(offer);
      else connection.resume();
    }, () => connection.resume());
    return () => {
      cancelled = true;
      connection.dispose();
    };
  }, [store, bridge, recoveryOffer]);
  const answerRecovery = (restore: boolean) => {
    const recovered = recovery?.document;
    if (restore && recovered) store.open(recovered.text, recovered.fileName, { handle: recovered.handle, unsaved: true });
    if (!restore) bridge.clearAutosave();
    setRecovery(undefined);
    persistence.current?.resume();
  };
  return { recovery, answerRecovery };
}
