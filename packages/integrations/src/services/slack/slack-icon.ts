import { monogram } from '../../kit/icons.js';

/** Slack's palette icon (its glyph is not among the free brand icons). */
export const slackIcon = monogram('S', '4A154B');
