import type { NodeType } from '../define-node.js';
import { aggregateNode } from './aggregate/aggregate.js';
import { compressionNode } from './compression/compression.js';
import { convertToFileNode } from './convert-to-file/convert-to-file.js';
import { cryptoNode } from './crypto/crypto.js';
import { dateTimeNode } from './date-time/date-time.js';
import { editImageNode } from './edit-image/edit-image.js';
import { extractFromFileNode } from './extract-from-file/extract-from-file.js';
import { htmlNode } from './html/html.js';
import { jwtNode } from './jwt/jwt.js';
import { limitNode } from './limit/limit.js';
import { markdownNode } from './markdown/markdown.js';
import { removeDuplicatesNode } from './remove-duplicates/remove-duplicates.js';
import { renameKeysNode } from './rename-keys/rename-keys.js';
import { rssReadNode } from './rss-read/rss-read.js';
import { setNode } from './set/set.js';
import { sortNode } from './sort/sort.js';
import { splitOutNode } from './split-out/split-out.js';
import { summarizeNode } from './summarize/summarize.js';
import { totpNode } from './totp/totp.js';
import { xmlNode } from './xml/xml.js';

/** The data node types: Edit Fields, Sort, Limit, Split Out, Aggregate, Summarize and the rest. */
export const dataNodeTypes: readonly NodeType[] = [
  setNode,
  sortNode,
  limitNode,
  splitOutNode,
  aggregateNode,
  summarizeNode,
  removeDuplicatesNode,
  renameKeysNode,
  dateTimeNode,
  cryptoNode,
  convertToFileNode,
  extractFromFileNode,
  compressionNode,
  editImageNode,
  jwtNode,
  totpNode,
  xmlNode,
  markdownNode,
  htmlNode,
  rssReadNode,
] as readonly NodeType[];
