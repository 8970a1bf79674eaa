import type { CampaignReportView } from './views';

/** CSV cells per RFC 4180; a cell that starts like a formula is prefixed so spreadsheets show it as text. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: (string | number)[]): string => cells.map(cell).join(',');

/** The report as CSV (UTF-8 with a byte order mark, so spreadsheet apps read Vietnamese): the figures, then per branch. */
export function reportCsv(r: CampaignReportView): string {
  const lines = [
    csvLine([
      'campaign',
      'branch',
      'from',
      'to',
      'target_products',
      'sessions_held',
      'products_streamed',
      'products_sold',
      'units_sold',
      'placed_gmv_vnd',
      'settled_gmv_vnd',
      'volunteers',
      'hours_on_air',
      'farmers_reached',
    ]),
    csvLine([
      r.campaignName,
      r.branchName,
      r.from,
      r.to,
      r.targetProducts,
      r.sessionsHeld,
      r.productsStreamed,
      r.productsSold,
      r.unitsSold,
      r.placedGmvVnd,
      r.settledGmvVnd,
      r.volunteers,
      r.hoursOnAir,
      r.farmersReached,
    ]),
    '',
    csvLine([
      'branch_code',
      'branch',
      'assigned_products',
      'sessions_held',
      'products_streamed',
      'products_sold',
      'placed_gmv_vnd',
      'settled_gmv_vnd',
      'volunteers',
      'hours_on_air',
      'farmers_reached',
    ]),
    ...r.byBranch.map((b) =>
      csvLine([
        b.code,
        b.name,
        b.assignedProducts,
        b.sessionsHeld,
        b.streamedProducts,
        b.soldProducts,
        b.gmvVnd,
        b.settledGmvVnd,
        b.volunteers,
        b.hoursOnAir,
        b.farmersReached,
      ]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const vnd = (n: number): string => `${new Intl.NumberFormat('vi-VN').format(n)} ₫`;
const num = (n: number): string => new Intl.NumberFormat('vi-VN').format(n);
const vnDate = (d: string): string => d.split('-').reverse().join('/');

/** The report as a printable A4 page in Vietnamese, in the shape of a Union report (self-contained HTML, no script). */
export function reportHtml(r: CampaignReportView): string {
  const rows: [string, string][] = [
    ['Sản phẩm mục tiêu', num(r.targetProducts)],
    ['Số phiên livestream đã tổ chức', num(r.sessionsHeld)],
    ['Số sản phẩm đã được livestream', num(r.productsStreamed)],
    ['Số sản phẩm đã bán được', num(r.productsSold)],
    ['Số lượng sản phẩm bán ra', num(r.unitsSold)],
    ['Doanh thu đặt hàng (GMV)', vnd(r.placedGmvVnd)],
    ['Doanh thu đã quyết toán', vnd(r.settledGmvVnd)],
    ['Số tình nguyện viên tham gia', num(r.volunteers)],
    ['Tổng số giờ phát trực tiếp', num(r.hoursOnAir)],
    ['Số chủ thể OCOP được hỗ trợ bán hàng', num(r.farmersReached)],
  ];
  const branchRows = r.byBranch
    .filter((b) => !b.isScope)
    .map(
      (b) =>
        `<tr><td>${escapeHtml(b.name)}</td><td>${num(b.sessionsHeld)}</td><td>${num(b.streamedProducts)}</td><td>${num(
          b.soldProducts,
        )}</td><td>${vnd(b.gmvVnd)}</td><td>${num(b.volunteers)}</td><td>${num(b.hoursOnAir)}</td></tr>`,
    )
    .join('');
  const streamerRows = r.streamers
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.displayName)}</td><td>${escapeHtml(s.branchName)}</td><td>${num(s.sessionsHeld)}</td><td>${num(
          s.hoursOnAir,
        )}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo chiến dịch ${escapeHtml(r.campaignName)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Times New Roman", "Noto Serif", serif; font-size: 13pt; color: #000; margin: 0; }
header { display: flex; justify-content: space-between; text-align: center; font-size: 12pt; }
h1 { text-align: center; font-size: 15pt; margin: 18pt 0 4pt; text-transform: uppercase; }
.sub { text-align: center; font-style: italic; margin-bottom: 12pt; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0 12pt; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
td:not(:first-child) { text-align: right; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; }
footer { margin-top: 24pt; display: flex; justify-content: flex-end; text-align: center; }
</style></head>
<body>
<header><div><strong>${escapeHtml(r.branchName.toUpperCase())}</strong><br>***</div>
<div><strong>ĐOÀN TNCS HỒ CHÍ MINH</strong><br><em>Hà Nội, ngày ${vnDate(r.generatedAt.slice(0, 10))}</em></div></header>
<h1>Báo cáo kết quả chiến dịch<br>${escapeHtml(r.campaignName)}</h1>
<p class="sub">Từ ngày ${vnDate(r.from)} đến ngày ${vnDate(r.to)}</p>
<h2>I. Kết quả chung</h2>
<table><tbody>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</tbody></table>
<h2>II. Kết quả theo đơn vị</h2>
<table><thead><tr><th>Đơn vị</th><th>Phiên</th><th>SP đã live</th><th>SP đã bán</th><th>Doanh thu</th><th>TNV</th><th>Giờ live</th></tr></thead>
<tbody>${branchRows || '<tr><td colspan="7">Không có đơn vị trực thuộc</td></tr>'}</tbody></table>
<h2>III. Tình nguyện viên</h2>
<table><thead><tr><th>Họ tên</th><th>Đơn vị</th><th>Số phiên</th><th>Giờ live</th></tr></thead>
<tbody>${streamerRows || '<tr><td colspan="4">Chưa có phiên nào</td></tr>'}</tbody></table>
<footer><div><strong>T/M BAN THƯỜNG VỤ</strong><br><br><br><br></div></footer>
</body></html>`;
}
