/**
 * Files that are never documents, by name only (paperless-ngx's consume filter, plus temp files and
 * partial downloads): OS metadata (`.DS_Store`, `._name` AppleDouble shadows, `Thumbs.db`, `desktop.ini`),
 * any hidden file, Office lock files (`~$name.docx`), editor backups (`name~`, `.swp`), and files still
 * being downloaded or copied (`.crdownload`, `.part`, `.partial`, `.download`, `.tmp`): those are taken
 * once renamed to their real name.
 */
const JUNK_FILE = [/^\./, /^~\$/, /~$/, /^thumbs\.db$/i, /^desktop\.ini$/i, /^ehthumbs(_vista)?\.db$/i, /\.(crdownload|part|partial|download|tmp|temp|swp|swx|lock)$/i];

/** Folders that hold no documents: metadata of macOS, Synology, Syncthing, Windows; and hidden ones. */
const JUNK_FOLDER = [/^\./, /^__MACOSX$/, /^@eaDir$/, /^\$RECYCLE\.BIN$/i, /^System Volume Information$/i];

export const isJunkFileName = (name: string) => JUNK_FILE.some((re) => re.test(name));
export const isJunkFolderName = (name: string) => JUNK_FOLDER.some((re) => re.test(name));

/** A relative path (`a/b/c.pdf`, from a zip or a folder) any of whose folders, or whose file name, is junk. */
export function isJunkPath(relative: string): boolean {
  const parts = relative.split('/').filter(Boolean);
  const fileName = parts.pop();
  return fileName === undefined || isJunkFileName(fileName) || parts.some(isJunkFolderName);
}
