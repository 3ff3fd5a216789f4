// The hosts the shared end-to-end spec drives: where each page is, the
// editor's tag there, and what its custom theme changes (the Run button's
// background colour, after `prepare` ran).
export const hosts = [
  {
    name: 'playground',
    path: '/examples/playground/dist/index.html',
    tag: 'workflow-editor',
    // The playground shows the built-in dark theme.
    prepare: async (page) => page.selectOption('#theme', 'dark'),
    runButtonBackground: 'rgb(96, 165, 250)',
  },
  {
    name: 'vanilla',
    path: '/examples/vanilla/index.html',
    tag: 'acme-automations',
    runButtonBackground: 'rgb(234, 88, 12)',
    // The vanilla page registers every integration.
    integrations: true,
  },
  { name: 'react', path: '/examples/react/dist/index.html', tag: 'workflow-editor', runButtonBackground: 'rgb(5, 150, 105)' },
  { name: 'vue', path: '/examples/vue/dist/index.html', tag: 'workflow-editor', runButtonBackground: 'rgb(124, 58, 237)' },
];
