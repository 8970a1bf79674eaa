import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ProgressDatum {
  label: string;
  streamed: number;
  sold: number;
  target: number;
}

/** Products streamed and sold per day against the straight line to the target; the legend names each line. */
export function ProgressChart({
  data,
  names,
}: {
  data: ProgressDatum[];
  names: { streamed: string; sold: string; target: string };
}) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#d6dbe0" />
        <XAxis dataKey="label" fontSize={12} minTickGap={16} />
        <YAxis fontSize={12} width={40} allowDecimals={false} />
        <Tooltip />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
        <Line
          type="linear"
          dataKey="streamed"
          name={names.streamed}
          stroke="#0b6e4f"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="sold"
          name={names.sold}
          stroke="#1f4e99"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="target"
          name={names.target}
          stroke="#8a5300"
          strokeWidth={2}
          strokeDasharray="5 4"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
