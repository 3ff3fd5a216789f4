// What the palette needs of GitHub, without loading its operations (its credential types are in github-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** GitHub as the palette lists it. */
export const githubInfo = {
  id: 'github',
  displayName: 'GitHub',
  description: 'Create and manage issues, comments, pull requests, releases and repository files on GitHub.',
  icon: monogram('GH', '181717'),
  docsUrl: 'https://docs.github.com/en/rest',
};

/** What the GitHub Trigger says it does, in the palette and on the full type alike. */
export const githubTriggerDescription =
  'Starts the workflow when a GitHub repository or organization webhook sends one of the chosen events.';
