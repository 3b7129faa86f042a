// `npm start`. The desktop shell (Electron) and the editor are still being
// built, so for now this prints what the command line can do and checks an
// example, to show the engine works on this machine.
import { execFileSync } from 'node:child_process';

const cli = new URL('../bin/convstudio.mjs', import.meta.url).pathname;
const run = (...args) => execFileSync(process.execPath, [cli, ...args], { stdio: 'inherit' });

console.log('ConvStudio: the desktop editor is not built yet; here is the command line.\n');
run('help');
console.log('\nExample: npx convstudio summary resources/examples/lenet-5.json\n');
run('summary', 'resources/examples/lenet-5.json');
