import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './phone-reports.css';

export interface TableAlternative {
  columns: string[];
  /** Cells as shown (already formatted); the first cell of each row names it. */
  rows: string[][];
}

/**
 * A chart with its caption and a table alternative: the drawing is hidden from assistive technology, the same
 * figures are in a table under "show as table" (a disclosure anyone can open, by keyboard too).
 */
export function ChartFigure({
  caption,
  table,
  children,
  testId,
  note,
}: {
  caption: string;
  table: TableAlternative;
  children: ReactNode;
  testId?: string;
  /** A line under the chart (what it leaves out), for everyone. */
  note?: string;
}) {
  const { t } = useTranslation('farmer');
  return (
    <figure className="card chart-figure" data-testid={testId}>
      <figcaption>
        <h3>{caption}</h3>
      </figcaption>
      {/* The chart is drawn for sighted users; the table below is its accessible equivalent. */}
      <div className="chart-box" aria-hidden="true">
        {children}
      </div>
      {note && <p className="muted small">{note}</p>}
      <details className="chart-table">
        <summary>{t('reports.showTable')}</summary>
        <div className="table-wrap sticky-first">
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column, index) => (
                  <th key={column} scope="col" className={index > 0 ? 'num' : undefined}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={`${row[0]}-${rowIndex}`}>
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={index} className="num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
