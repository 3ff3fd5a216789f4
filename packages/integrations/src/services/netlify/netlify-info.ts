// What the palette needs of Netlify, without loading its trigger (its credential type is in netlify-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Netlify as the palette lists it. */
export const netlifyInfo = {
  id: 'netlify',
  displayName: 'Netlify',
  description: "Start workflows when a Netlify site's deploy starts, succeeds or fails, or when one of its forms is submitted.",
  icon: monogram('N', '00AD9F'),
  docsUrl: 'https://docs.netlify.com/site-deploys/notifications/',
};
