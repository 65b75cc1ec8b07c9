// Text for the generated requests: names, clinical summaries, questions and messages of the length a site writes.

export const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
export const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Xuân', 'Hồng'];
export const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Lan',
  'Linh',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];

const clinical = (history: string, examination: string, currentTreatment: string, testsDone: string) =>
  JSON.stringify({ history, examination, currentTreatment, testsDone });

/** Clinical summaries (the `clinical` jsonb without vitals, which are added per row). */
export const CLINICAL = [
  clinical(
    'Bệnh nhân nam, tiền sử tăng huyết áp 10 năm điều trị không đều, đái tháo đường typ 2. Vào viện vì đau ngực trái dữ dội lan lên vai trái, vã mồ hôi, khởi phát khoảng 3 giờ trước khi đến trạm. Không sốt, không ho.',
    'Tỉnh, tiếp xúc được. Da niêm mạc hồng nhạt, vã mồ hôi. Tim nhịp đều, không nghe tiếng thổi. Phổi không rale. Bụng mềm, gan lách không sờ thấy. Không phù.',
    'Aspirin 300 mg nhai, nitroglycerin ngậm dưới lưỡi 0,5 mg, thở oxy 3 lít/phút.',
    'Điện tim: ST chênh lên ở DII, DIII, aVF. Đường máu mao mạch 11,2 mmol/l.',
  ),
  clinical(
    'Trẻ nữ 3 tuổi, sốt cao liên tục 4 ngày, ho, thở nhanh, bỏ ăn. Đã dùng kháng sinh uống 2 ngày tại nhà không đỡ. Tiêm chủng đủ theo chương trình mở rộng.',
    'Trẻ quấy, thở nhanh 52 lần/phút, rút lõm lồng ngực nhẹ. Phổi ran ẩm nhỏ hạt hai đáy. Họng đỏ. Không có dấu hiệu màng não.',
    'Hạ sốt paracetamol 15 mg/kg, bù dịch đường uống.',
    'Công thức máu: bạch cầu 18,5 G/l, bạch cầu trung tính 82%. X-quang ngực: đám mờ thùy dưới phổi phải.',
  ),
  clinical(
    'Sản phụ 28 tuổi, con lần 2, thai 34 tuần, đau đầu, nhìn mờ từ sáng, phù chân tăng dần 1 tuần. Khám thai định kỳ không đều.',
    'Huyết áp 165/110 mmHg, phù hai chi dưới, phản xạ gân xương tăng. Tim thai 150 lần/phút, cơn co tử cung thưa.',
    'Magie sulfat liều tấn công, nifedipin 10 mg, theo dõi tim thai liên tục.',
    'Protein niệu 3+. Tiểu cầu 98 G/l.',
  ),
  clinical(
    'Nam 67 tuổi, đột ngột yếu nửa người phải, nói khó, khởi phát cách đây 2 giờ khi đang ăn sáng. Tiền sử rung nhĩ không dùng thuốc chống đông.',
    'Glasgow 14 điểm, liệt nửa người phải cơ lực 2/5, rối loạn ngôn ngữ kiểu vận động. Tim loạn nhịp hoàn toàn. NIHSS 12 điểm.',
    'Thở oxy, kiểm soát huyết áp, chưa dùng thuốc chống kết tập tiểu cầu.',
    'Đường máu 7,1 mmol/l. Chưa có chụp cắt lớp sọ não tại trạm.',
  ),
];

export const QUESTIONS = [
  'Xin ý kiến hội chẩn về chẩn đoán và chỉ định chuyển tuyến, cũng như xử trí cấp cứu ban đầu trong lúc chờ vận chuyển.',
  'Đề nghị tuyến trên hỗ trợ đọc phim X-quang và hướng dẫn lựa chọn kháng sinh phù hợp cho bệnh nhi.',
  'Xin hướng dẫn xử trí tiền sản giật nặng và thời điểm chấm dứt thai kỳ an toàn tại tuyến huyện.',
  'Bệnh nhân có chỉ định tiêu sợi huyết không? Nếu có, xin hướng dẫn liều và theo dõi trong quá trình chuyển viện.',
  'Xin ý kiến về điều chỉnh phác đồ điều trị do đáp ứng kém sau 5 ngày.',
];

export const MESSAGES = [
  'Đề nghị bổ sung kết quả điện tim 12 chuyển đạo và đường máu lúc đói.',
  'Đã gửi bổ sung ảnh phim X-quang và kết quả xét nghiệm mới nhất.',
  'Ca này sẽ được đưa vào phiên hội chẩn chiều nay lúc 14 giờ, đề nghị điểm cầu chuẩn bị.',
  'Bệnh nhân ổn định hơn, mạch 88, huyết áp 130/80, không còn đau ngực.',
  'Xin cảm ơn, chúng tôi sẽ theo dõi sát và báo lại diễn biến.',
];

/** ICD-10 codes of the working diagnoses. */
export const DIAGNOSES = ['I21.1', 'J18.9', 'O14.1', 'I63.4', 'E11.9', 'A09', 'K35.8', 'N39.0', 'C34.9', 'S06.0'];
