/**
 * One repaint per beat for what changes on its own while a run trains: the
 * progress lines, the charts and the node strips.
 *
 * On a software compositor every visible change costs the whole frame: in
 * headless Chromium on SwiftShader a frame with any damage took 23 ms to
 * present at 1400×900 with the machine idle, and 90 to 170 ms while a run
 * trained beside it; no other frame is drawn meanwhile. The progress
 * (from TrainingClient) and the activations (from LiveActivations) arrive at
 * their own moments, so two a second of each made four or more such frames a
 * second and the page fell to 41 to 48 frames per second. Delivered on a
 * shared beat, back to back, their renders land before the same frame and
 * the page pays for one frame per beat. Each delivery is a task of its own:
 * the first beat of a run mounts the charts and every node's strip, and in
 * one task the two took over 50 ms.
 *
 * Beats fall on multiples of the interval of one clock, so two callers that
 * schedule at different moments still meet at the same beat.
 */
export class PaintBeat {
  private readonly due = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly interval: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Calls `deliver` at the next beat; asked again before then, it is still called once. An interval of 0 delivers at once. */
  schedule(deliver: () => void) {
    if (this.interval <= 0) return deliver();
    this.due.add(deliver);
    this.timer ??= setTimeout(() => this.flush(), this.interval - (this.now() % this.interval));
  }

  /** Forgets a delivery not yet due (the caller delivered by itself, sooner); one already handed to its own task still runs. */
  cancel(deliver: () => void) {
    this.due.delete(deliver);
  }

  private flush() {
    this.timer = undefined;
    const [first, ...rest] = this.due;
    this.due.clear();
    first?.();
    for (const deliver of rest) setTimeout(deliver, 0);
  }
}

/**
 * The page's beat: one repaint a second while training. Measured on SwiftShader at 1400×900 while
 * LeNet-5 trained (2 cores): 48 frames per second with a beat of 500 ms, 53 with 750 ms, 55 with
 * 1000 ms, and the run itself took 32 s instead of 45 s, since every frame presented is CPU time
 * taken from the training worker. A laptop with working GPU compositing presents a frame in well
 * under a millisecond, but school machines without one (virtual machines, blocklisted drivers) are
 * the case to design for; a loss curve and feature maps that move once a second still read as live.
 */
export const LIVE_BEAT = new PaintBeat(1000);
