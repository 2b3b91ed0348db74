import { useRef } from 'preact/hooks';

const WORKBOOKS = '.xlsx,.xlsm,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';

interface Props {
  idPrefix: string;
  labels: { depot: string; choisir: string; glisser: string; depotAide: string };
  /** Several files at once (the cross-check page), or one. */
  multiple?: boolean;
  disabled: boolean;
  /** The file types offered by the chooser: workbooks unless told otherwise. */
  accept?: string;
  onFiles: (files: File[]) => void;
}

/** Where a partner drops or chooses a file (a workbook, an extract): read on the page, never sent. */
export default function DropZone({ idPrefix, labels, multiple = false, disabled, accept = WORKBOOKS, onFiles }: Props) {
  const zone = useRef<HTMLDivElement>(null);
  const take = (list: FileList | null | undefined) => {
    const files = [...(list ?? [])];
    if (files.length > 0 && !disabled) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      ref={zone}
      class={`kit-drop${disabled ? ' is-busy' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        zone.current?.classList.add('is-over');
      }}
      onDragLeave={() => zone.current?.classList.remove('is-over')}
      onDrop={(event) => {
        event.preventDefault();
        zone.current?.classList.remove('is-over');
        take(event.dataTransfer?.files);
      }}
    >
      <p class="kit-drop-title">{labels.depot}</p>
      <p>
        <label class="kit-button" for={`${idPrefix}-file`}>
          {labels.choisir}
        </label>{' '}
        {labels.glisser}
      </p>
      <input
        id={`${idPrefix}-file`}
        class="kit-file-input"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-describedby={`${idPrefix}-drop-help`}
        onChange={(event) => {
          const files = event.currentTarget.files;
          take(files);
          event.currentTarget.value = '';
        }}
      />
      <p id={`${idPrefix}-drop-help`} class="kit-help">
        {labels.depotAide}
      </p>
    </div>
  );
}
