/**
 * The command registry: each declared command (app/shared/commands.ts) with
 * its handler (handlers.ts). The keyboard, the desktop menus (over the
 * bridge), the toolbar, the shortcuts sheet and the command palette all run
 * commands through here, so none of them can drift from the others.
 */
import { COMMANDS, keysOf, type CommandDeclaration, type CommandId } from '../../app/shared/commands';
import type { AppCommand } from '../platform/bridge';
import { confirmDiscard } from '../platform/documentActions';
import { createHandlers, typingInField, type CommandContext, type CommandHandler } from './handlers';
import { formatAccelerator, isMac, matchesChord, parseAccelerator, type KeyChord } from './keys';

const TOGGLES = new Set<CommandId>(['present', 'palette']);

export interface RegisteredCommand extends CommandDeclaration {
  id: CommandId;
  handler: CommandHandler;
}

export class CommandRegistry {
  readonly commands: readonly RegisteredCommand[];
  private readonly mac = isMac();
  private readonly chords: { command: RegisteredCommand; chord: KeyChord }[];

  constructor(readonly context: CommandContext) {
    const handlers = createHandlers(context);
    this.commands = COMMANDS.map((declaration) => ({ ...declaration, handler: handlers[declaration.id] }));
    this.chords = this.commands.flatMap((command) => keysOf(command, this.mac).map((key) => ({ command, chord: parseAccelerator(key) })));
  }

  get(id: CommandId): RegisteredCommand {
    const command = this.commands.find((c) => c.id === id);
    if (!command) throw new Error(`no command "${id}"`);
    return command;
  }

  isEnabled(id: CommandId): boolean {
    return this.get(id).handler.enabled?.() ?? true;
  }

  /** Runs a command if it is enabled; returns whether it ran. */
  run(id: CommandId, argument?: string): boolean {
    const command = this.get(id);
    if (!(command.handler.enabled?.() ?? true)) return false;
    command.handler.run(argument);
    return true;
  }

  /** A command from the desktop menus or the shell. */
  receive = (message: AppCommand): void => {
    if (message.command === 'open-file') {
      const { store } = this.context;
      if (confirmDiscard(store)) store.open(message.file.text, message.file.name, { handle: message.file.handle });
      return;
    }
    this.run(message.command, message.command === 'new-from-template' ? message.template : undefined);
  };

  /** The commands a user can reach here: not the shell's own where there is no shell (the browser build). */
  offered(desktop: boolean): readonly RegisteredCommand[] {
    return this.commands.filter((c) => !c.internal && !(c.shell && !desktop));
  }

  /** The shortcuts of a command as this platform writes them ("Ctrl+Shift+P", "⌘⇧P"). */
  shortcutsOf(command: CommandDeclaration): string[] {
    return keysOf(command, this.mac).map((key) => formatAccelerator(key, this.mac));
  }

  /**
   * A key press: the first enabled command with that shortcut runs. While a
   * text field has the focus, or a dialog is open, only the commands marked
   * for it (save, open, the palette) take keys; the field keeps the others.
   */
  handleKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    // A dialog in front (a sheet, the palette) keeps the keys too: Delete must not reach the graph behind it.
    const guarded = typingInField(event.target) || this.context.ui.getState().sheet !== undefined;
    for (const { command, chord } of this.chords) {
      if (guarded && !command.whileTyping) continue;
      if (!matchesChord(chord, event, this.mac)) continue;
      if (!(command.handler.enabled?.() ?? true)) continue;
      event.preventDefault();
      // A held key repeats: a toggle (Present mode, the palette) would flicker on and off.
      if (event.repeat && TOGGLES.has(command.id)) return;
      command.handler.run();
      return;
    }
  };
}
