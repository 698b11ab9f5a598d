/** A DataTable as a real HTML table: header row, a row header per row, optional classes and extra rows. */
import type { ComponentChildren } from 'preact';
import type { DataTable } from '../charts/tables';

interface TableViewProps {
  table: DataTable;
  caption: ComponentChildren;
  captionClass?: string;
  rowClass?: (index: number) => string | undefined;
  /** Rows appended to the body (e.g. an error row). */
  extraRows?: ComponentChildren;
  footer?: ComponentChildren;
  testId?: string;
}

export function TableView({ table, caption, captionClass, rowClass, extraRows, footer, testId }: TableViewProps) {
  return (
    <table data-testid={testId}>
      <caption class={captionClass}>{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr class={rowClass?.(r)}>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
        ))}
        {extraRows}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}
