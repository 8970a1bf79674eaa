import {
  Bar,
  BarChart,
  CartesianGrid,
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

/** Horizontal bars, one per row (product, session, branch), values in VND. */
export function VndBarChart({ data }: { data: BarDatum[] }) {
  const { i18n } = useTranslation();
  const height = Math.max(120, data.length * 36 + 40);
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
        <YAxis
          type="category"
          dataKey="label"
          width={120}
          fontSize={12}
          tickFormatter={(value: string) => (value.length > 18 ? `${value.slice(0, 17)}…` : value)}
        />
        <Tooltip formatter={(value) => formatVnd(Number(value))} />
        <Bar dataKey="value" fill={GREEN} radius={[0, 4, 4, 0]} isAnimationActive={false} />
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
        <Line
          type="linear"
          dataKey="placed"
          name={placedName}
          stroke={GREEN}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="settled"
          name={settledName}
          stroke="#8a5300"
          strokeWidth={2}
          strokeDasharray="5 4"
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
