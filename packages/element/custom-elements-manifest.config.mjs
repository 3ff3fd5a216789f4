// Options of the custom-elements.json analyzer, read by `npm run manifest` and the manifest e2e check.
export default {
  globs: ['src/**/*.component.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // package.json's `customElements` field is written by hand: the check runs with a scratch outdir.
  packagejson: false,
  plugins: [
    {
      // File-system order differs between machines; sorted modules make the manifest the same everywhere.
      name: 'flowloom-stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
