// What the palette needs of Dropbox, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Dropbox as the palette lists it. */
export const dropboxInfo = {
  id: 'dropbox',
  displayName: 'Dropbox',
  description: 'Upload, download, move and delete files, list folders and share links in Dropbox.',
  icon: monogram('Db', '0061FF'),
  docsUrl: 'https://www.dropbox.com/developers/documentation/http/documentation',
};
