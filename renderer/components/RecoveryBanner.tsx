/** Offers back the work an earlier session left unsaved (it ended in a crash, a kill, or a closed tab). */
import type { RecoveryOffer } from '../platform/bridge';

export function RecoveryBanner({ offer, onRestore, onDiscard }: { offer: RecoveryOffer; onRestore(): void; onDiscard(): void }) {
  const recovered = offer.document;
  if (!recovered) return null;
  const when = new Date(recovered.savedAt);
  return (
    <div className="banner" role="alert" data-testid="recovery">
      <span>
        ConvStudio closed without saving changes to <strong>{recovered.fileName}</strong> (autosaved {Number.isNaN(when.getTime()) ? 'earlier' : when.toLocaleString()}).
      </span>
      <button type="button" data-testid="recovery-restore" onClick={onRestore}>Restore</button>
      <button type="button" data-testid="recovery-discard" onClick={onDiscard}>Discard</button>
    </div>
  );
}
