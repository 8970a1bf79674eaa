/**
 * The words of the Union's report. The report the Union files is in Vietnamese whatever language the app is shown
 * in, so these are fixed, not messages of the reader's language (the server's HTML report uses the same wording).
 */
export const REPORT_VI = {
  union: 'ĐOÀN TNCS HỒ CHÍ MINH',
  place: (day: string) => `Hà Nội, ngày ${day}`,
  title: 'Báo cáo kết quả chiến dịch',
  period: (from: string, to: string) => `Từ ngày ${from} đến ngày ${to}`,
  general: 'I. Kết quả chung',
  byBranch: 'II. Kết quả theo đơn vị',
  volunteers: 'III. Tình nguyện viên',
  sign: 'T/M BAN THƯỜNG VỤ',
  rows: {
    targetProducts: 'Sản phẩm mục tiêu',
    sessionsHeld: 'Số phiên livestream đã tổ chức',
    productsStreamed: 'Số sản phẩm đã được livestream',
    productsSold: 'Số sản phẩm đã bán được',
    unitsSold: 'Số lượng sản phẩm bán ra',
    placedGmvVnd: 'Doanh thu đặt hàng (GMV)',
    settledGmvVnd: 'Doanh thu đã quyết toán',
    volunteers: 'Số tình nguyện viên tham gia',
    hoursOnAir: 'Tổng số giờ phát trực tiếp',
    farmersReached: 'Số chủ thể OCOP được hỗ trợ bán hàng',
  },
  branchColumns: ['Đơn vị', 'Phiên', 'SP đã live', 'SP đã bán', 'Doanh thu', 'TNV', 'Giờ live'],
  volunteerColumns: ['Họ tên', 'Đơn vị', 'Số phiên', 'Giờ live'],
} as const;
