import { composedNotice } from '../../core/dictionary/origin.ts';

/** The composed-dictionary notice of a report or printed receipt; nothing for an official dictionary. */
export function OriginNote({ notice }: { notice: string | undefined }) {
  if (!notice) return null;
  return (
    <p class="origin-note" data-origin-notice>
      <strong>{composedNotice.title}.</strong> {notice}
    </p>
  );
}
