import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatVnd, formatVndCompact } from '../../lib/format';

// recharts only here: the farmer and admin pages import it, each a lazy chunk, so shopper pages never load it.

export interface BarDatum {
  label: string;
  value: number;
}

const GREEN = '#0b6e4f';

/** A category label broken into lines of about `width` characters (at most three), so names are never cut. */
export function wrapLabel(value: string, width = 16, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

/** The y-axis tick of the bar chart: the whole name, wrapped over up to three lines. */
function WrappedTick(props: { x?: number | string; y?: number | string; payload?: { value: string } }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const lines = wrapLabel(props.payload?.value ?? '');
  const top = y - ((lines.length - 1) * 14) / 2;
  return (
    <text x={x} y={top} textAnchor="end" fontSize={12} fill="#33404d">
      {lines.map((text, index) => (
        <tspan key={index} x={x} dy={index === 0 ? 4 : 14}>
          {text}
        </tspan>
      ))}
    </text>
  );
}

/** Horizontal bars, one per row (product, session, branch), values in VND; `name` labels the legend. */
export function VndBarChart({ data, name }: { data: BarDatum[]; name: string }) {
  const { i18n } = useTranslation();
  const height = Math.max(140, data.length * 52 + 70);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        accessibilityLayer={false}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      >
        <CartesianGrid horizontal={false} stroke="#d6dbe0" />
        <XAxis
          type="number"
          tickFormatter={(value: number) => formatVndCompact(value, i18n.language)}
          fontSize={12}
        />
        <YAxis type="category" dataKey="label" width={124} interval={0} tick={<WrappedTick />} />
        <Tooltip formatter={(value) => formatVnd(Number(value))} />
        <Legend verticalAlign="top" height={28} iconType="square" wrapperStyle={{ fontSize: 13 }} />
        <Bar dataKey="value" name={name} fill={GREEN} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface TrendDatum {
  label: string;
  placed: number;
  settled: number;
}

/** Placed and settled GMV per day. */
export function VndTrendChart({
  data,
  placedName,
  settledName,
}: {
  data: TrendDatum[];
  placedName: string;
  settledName: string;
}) {
  const { i18n } = useTranslation();
  // A dot per day reads on a week; over a month or more the dots cover the lines: only the hovered one is drawn.
  const dots = data.length <= 14;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#d6dbe0" />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis
          tickFormatter={(value: number) => formatVndCompact(value, i18n.language)}
          fontSize={12}
          width={56}
        />
        <Tooltip formatter={(value) => formatVnd(Number(value))} />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
        <Line
          type="linear"
          dataKey="placed"
          name={placedName}
          stroke={GREEN}
          strokeWidth={2}
          dot={dots}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="settled"
          name={settledName}
          stroke="#8a5300"
          strokeWidth={2}
          strokeDasharray="5 4"
          dot={dots}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
