/** Replaced at build time with package.json's version (scripts/build-cli.mjs). */
declare const __CONVSTUDIO_VERSION__: string;
