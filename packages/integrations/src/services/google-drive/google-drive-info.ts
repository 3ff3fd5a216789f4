// What the palette needs of Google Drive, without loading its operations (its credential types are in ../google/).
import { monogram } from '../../kit/icons.js';

/** Google Drive as the palette lists it. */
export const googleDriveInfo = {
  id: 'googledrive',
  displayName: 'Google Drive',
  description: 'Upload, download, list and search files, create folders, share, move and delete them in Google Drive.',
  icon: monogram('Dr', '1A73E8'),
  docsUrl: 'https://developers.google.com/workspace/drive/api/reference/rest/v3',
};
