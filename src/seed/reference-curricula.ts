import type { QuestionDraft, QuestionOption } from '../modules/question-bank/question.types';

/**
 * Reference curricula of the four short programmes (see DOMAIN.md, "The programmes"): the lesson
 * lists with their periods, a Markdown summary per lesson and a starter question bank per course.
 * They are data for the seed and for schools to copy into their own draft courses; every text a
 * learner reads is Vietnamese (NFC).
 */

export interface ReferenceLesson {
  title: string;
  periods: number;
  mandatory: boolean;
  objectives: string[];
  /** Markdown. */
  content: string;
}

export interface ReferenceCourse {
  title: string;
  version: string;
  description: string;
  lessons: ReferenceLesson[];
  /** `lesson` is an index into `lessons`. */
  questions: QuestionDraft[];
}

export interface ReferenceProgram {
  code: string;
  name: string;
  kind: 'party_awareness' | 'new_member' | 'branch_secretary' | 'thematic';
  description: string;
  course: ReferenceCourse;
}

// ---------------------------------------------------------------------------------------------
// Question builders: they keep the keys and the shape of each type consistent.
// ---------------------------------------------------------------------------------------------

type ChoiceKey = 'A' | 'B' | 'C' | 'D';

function keyed(texts: string[]): QuestionOption[] {
  return texts.map((text, i) => ({ key: String.fromCharCode(65 + i), text }));
}

function single(
  lesson: number,
  tags: string[],
  prompt: string,
  texts: [string, string, string, string],
  correct: ChoiceKey,
): QuestionDraft {
  return { type: 'single_choice', lesson, tags, prompt, options: keyed(texts), correct, points: 1 };
}

function multiple(lesson: number, tags: string[], prompt: string, texts: string[], correct: string[]): QuestionDraft {
  return { type: 'multiple_choice', lesson, tags, prompt, options: keyed(texts), correct, points: 1 };
}

function trueFalse(lesson: number, tags: string[], prompt: string, correct: boolean): QuestionDraft {
  return { type: 'true_false', lesson, tags, prompt, correct: correct ? 'true' : 'false', points: 1 };
}

function shortAnswer(lesson: number, tags: string[], prompt: string, acceptedAnswers: string[]): QuestionDraft {
  return { type: 'short_answer', lesson, tags, prompt, acceptedAnswers, ignoreDiacritics: true, points: 1 };
}

function essay(lesson: number, tags: string[], prompt: string): QuestionDraft {
  return { type: 'essay', lesson, tags, prompt, points: 5 };
}

// ---------------------------------------------------------------------------------------------
// 1. Nhận thức về Đảng (Hướng dẫn 61-HD/BTGTW, 16/6/2022): 50 tiết = 10 buổi = 5 ngày.
// ---------------------------------------------------------------------------------------------

const NTVD_LESSONS: ReferenceLesson[] = [
  {
    title: 'Khái quát lịch sử Đảng Cộng sản Việt Nam',
    periods: 5,
    mandatory: true,
    objectives: [
      'Nắm được hoàn cảnh ra đời và ý nghĩa của việc thành lập Đảng Cộng sản Việt Nam',
      'Hiểu khái quát các thời kỳ Đảng lãnh đạo cách mạng Việt Nam và những thắng lợi to lớn',
      'Củng cố niềm tin vào sự lãnh đạo của Đảng',
    ],
    content: `## Khái quát lịch sử Đảng Cộng sản Việt Nam

Đảng Cộng sản Việt Nam ra đời là kết quả tất yếu của cuộc đấu tranh dân tộc và đấu tranh giai cấp ở Việt Nam đầu thế kỷ XX, là sản phẩm của sự kết hợp chủ nghĩa Mác - Lênin với phong trào công nhân và phong trào yêu nước. Nguyễn Ái Quốc ra đi tìm đường cứu nước năm 1911, tìm thấy con đường cách mạng vô sản, tham gia sáng lập Đảng Cộng sản Pháp (12/1920), thành lập Hội Việt Nam Cách mạng Thanh niên (6/1925) và chuẩn bị về chính trị, tư tưởng, tổ chức cho sự ra đời của Đảng.

### Thành lập Đảng

Hội nghị thành lập Đảng họp từ ngày 6/1 đến ngày 7/2/1930 tại Cửu Long, Hương Cảng (Trung Quốc) dưới sự chủ trì của Nguyễn Ái Quốc. Hội nghị hợp nhất các tổ chức cộng sản thành Đảng Cộng sản Việt Nam, thông qua Chánh cương vắn tắt, Sách lược vắn tắt — Cương lĩnh chính trị đầu tiên của Đảng. Đại hội III của Đảng (1960) quyết định lấy ngày 3/2 hằng năm làm ngày kỷ niệm thành lập Đảng. Tháng 10/1930, Hội nghị lần thứ nhất Ban Chấp hành Trung ương đổi tên Đảng thành Đảng Cộng sản Đông Dương, thông qua Luận cương chính trị và bầu đồng chí Trần Phú làm Tổng Bí thư.

### Các thời kỳ Đảng lãnh đạo cách mạng

- **1930–1945: đấu tranh giành chính quyền.** Cao trào cách mạng 1930–1931, phong trào dân chủ 1936–1939, cao trào giải phóng dân tộc 1939–1945. Hội nghị Trung ương 8 (5/1941) do Nguyễn Ái Quốc chủ trì đặt nhiệm vụ giải phóng dân tộc lên hàng đầu, thành lập Mặt trận Việt Minh. Cách mạng Tháng Tám thành công; ngày 2/9/1945 nước Việt Nam Dân chủ Cộng hòa ra đời.
- **1945–1954: kháng chiến chống thực dân Pháp.** Đại hội II (2/1951) họp tại Chiêm Hóa, Tuyên Quang, đưa Đảng ra hoạt động công khai với tên Đảng Lao động Việt Nam. Chiến thắng Điện Biên Phủ (7/5/1954) buộc Pháp ký Hiệp định Giơnevơ.
- **1954–1975: xây dựng chủ nghĩa xã hội ở miền Bắc, đấu tranh giải phóng miền Nam.** Đại hội III (9/1960) đề ra đường lối cách mạng hai miền. Đại thắng mùa Xuân 1975, đỉnh cao là Chiến dịch Hồ Chí Minh (30/4/1975), giải phóng hoàn toàn miền Nam, thống nhất đất nước.
- **Từ 1975 đến nay: cả nước đi lên chủ nghĩa xã hội và công cuộc đổi mới.** Đại hội IV (12/1976) đổi tên Đảng thành Đảng Cộng sản Việt Nam. Đại hội VI (12/1986) đề ra đường lối đổi mới toàn diện. Đại hội VII (1991) thông qua Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội; Đại hội XI (2011) bổ sung, phát triển Cương lĩnh; Đại hội XIII (2021) đề ra tầm nhìn phát triển đất nước đến năm 2045.

### Ý nghĩa

Sự ra đời của Đảng là bước ngoặt vĩ đại của cách mạng Việt Nam, chấm dứt cuộc khủng hoảng về đường lối cứu nước. Dưới sự lãnh đạo của Đảng, nhân dân ta giành độc lập, thống nhất đất nước và đạt được những thành tựu to lớn, có ý nghĩa lịch sử của công cuộc đổi mới.
`,
  },
  {
    title: 'Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011)',
    periods: 10,
    mandatory: true,
    objectives: [
      'Nắm được những bài học kinh nghiệm lớn và các đặc trưng của xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng',
      'Hiểu mục tiêu, phương hướng cơ bản và các mối quan hệ lớn trong thời kỳ quá độ',
      'Hiểu vai trò lãnh đạo của Đảng trong hệ thống chính trị',
    ],
    content: `## Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011)

Cương lĩnh được Đại hội VII của Đảng (1991) thông qua; Đại hội XI (2011) thông qua Cương lĩnh (bổ sung, phát triển năm 2011), gồm bốn phần: quá trình cách mạng và những bài học kinh nghiệm; quá độ lên chủ nghĩa xã hội ở nước ta; những định hướng lớn về phát triển kinh tế, văn hóa, xã hội, quốc phòng, an ninh, đối ngoại; hệ thống chính trị và vai trò lãnh đạo của Đảng.

### Năm bài học kinh nghiệm lớn

1. Nắm vững ngọn cờ độc lập dân tộc và chủ nghĩa xã hội.
2. Sự nghiệp cách mạng là của nhân dân, do nhân dân và vì nhân dân.
3. Không ngừng củng cố, tăng cường đoàn kết: đoàn kết toàn Đảng, đoàn kết toàn dân, đoàn kết dân tộc, đoàn kết quốc tế.
4. Kết hợp sức mạnh dân tộc với sức mạnh thời đại, sức mạnh trong nước với sức mạnh quốc tế.
5. Sự lãnh đạo đúng đắn của Đảng là nhân tố hàng đầu quyết định thắng lợi của cách mạng Việt Nam.

### Tám đặc trưng của xã hội xã hội chủ nghĩa

Dân giàu, nước mạnh, dân chủ, công bằng, văn minh; do nhân dân làm chủ; có nền kinh tế phát triển cao dựa trên lực lượng sản xuất hiện đại và quan hệ sản xuất tiến bộ phù hợp; có nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; con người có cuộc sống ấm no, tự do, hạnh phúc, có điều kiện phát triển toàn diện; các dân tộc bình đẳng, đoàn kết, tôn trọng và giúp nhau cùng phát triển; có Nhà nước pháp quyền xã hội chủ nghĩa của nhân dân, do nhân dân, vì nhân dân do Đảng Cộng sản lãnh đạo; có quan hệ hữu nghị và hợp tác với các nước trên thế giới.

### Mục tiêu và phương hướng

Mục tiêu: từ nay đến giữa thế kỷ XXI, phấn đấu đưa nước ta trở thành nước công nghiệp hiện đại, theo định hướng xã hội chủ nghĩa. Cương lĩnh nêu tám phương hướng cơ bản, như: đẩy mạnh công nghiệp hóa, hiện đại hóa; phát triển kinh tế thị trường định hướng xã hội chủ nghĩa; xây dựng nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; bảo đảm vững chắc quốc phòng, an ninh; xây dựng Đảng trong sạch, vững mạnh.

Cương lĩnh chỉ ra tám mối quan hệ lớn, như giữa đổi mới, ổn định và phát triển; giữa kinh tế thị trường và định hướng xã hội chủ nghĩa; giữa Đảng lãnh đạo, Nhà nước quản lý, nhân dân làm chủ.

### Đảng lãnh đạo

Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân, đồng thời là đội tiên phong của nhân dân lao động và của dân tộc Việt Nam; lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động, lấy tập trung dân chủ làm nguyên tắc tổ chức cơ bản. Đại hội XIII (2021) xác định: đến năm 2030 là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao; đến năm 2045 trở thành nước phát triển, thu nhập cao.
`,
  },
  {
    title: 'Điều lệ Đảng Cộng sản Việt Nam',
    periods: 5,
    mandatory: true,
    objectives: [
      'Nắm được tiêu chuẩn, nhiệm vụ, quyền của đảng viên theo Điều lệ Đảng',
      'Hiểu nguyên tắc tập trung dân chủ và thủ tục kết nạp đảng viên',
      'Biết các hình thức kỷ luật của Đảng',
    ],
    content: `## Điều lệ Đảng Cộng sản Việt Nam

Điều lệ Đảng quy định nguyên tắc tổ chức, hoạt động của Đảng và tiêu chuẩn, nhiệm vụ, quyền của đảng viên. Điều lệ được sử dụng trong chương trình này do Đại hội đại biểu toàn quốc lần thứ XI thông qua năm 2011, gồm phần mở đầu, 12 chương và 48 điều; việc thi hành được hướng dẫn bằng các quy định của Ban Chấp hành Trung ương.

### Đảng viên

- **Tiêu chuẩn (Điều 1):** đảng viên là chiến sĩ cách mạng trong đội tiên phong của giai cấp công nhân, nhân dân lao động và dân tộc Việt Nam, suốt đời phấn đấu cho mục đích, lý tưởng của Đảng. Công dân Việt Nam từ 18 tuổi trở lên, thừa nhận và tự nguyện thực hiện Cương lĩnh chính trị, Điều lệ Đảng, tiêu chuẩn và nhiệm vụ đảng viên, hoạt động trong một tổ chức cơ sở đảng, qua thực tiễn chứng tỏ là người ưu tú, được nhân dân tín nhiệm, đều có thể được xét kết nạp. Theo quy định thi hành Điều lệ, người vào Đảng phải đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng); trường hợp trên 60 tuổi do cấp ủy trực thuộc Trung ương xem xét, quyết định.
- **Nhiệm vụ (Điều 2):** tuyệt đối trung thành với mục đích, lý tưởng của Đảng; không ngừng học tập, rèn luyện; liên hệ chặt chẽ với nhân dân; tham gia xây dựng, bảo vệ đường lối và tổ chức của Đảng, phục tùng kỷ luật, sinh hoạt đảng và đóng đảng phí đúng quy định.
- **Quyền (Điều 3):** được thông tin, thảo luận, biểu quyết; ứng cử, đề cử, bầu cử; phê bình, chất vấn, kiến nghị; trình bày ý kiến khi tổ chức đảng nhận xét hoặc thi hành kỷ luật đối với mình.

### Kết nạp và thời kỳ dự bị

Người vào Đảng phải có đơn tự nguyện, báo cáo trung thực lý lịch với chi bộ và được hai đảng viên chính thức giới thiệu; người giới thiệu phải cùng công tác với người vào Đảng ít nhất một năm. Ở nơi có tổ chức Đoàn, người vào Đảng trong độ tuổi thanh niên phải là đoàn viên, được ban chấp hành đoàn cơ sở và một đảng viên chính thức giới thiệu. Chi bộ xét và đề nghị kết nạp từng người một. Người được kết nạp phải trải qua thời kỳ dự bị 12 tháng; đảng viên dự bị có nhiệm vụ và quyền như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.

### Nguyên tắc tổ chức

Đảng tổ chức theo nguyên tắc tập trung dân chủ: cơ quan lãnh đạo các cấp do bầu cử lập ra, thực hiện tập thể lãnh đạo, cá nhân phụ trách; thiểu số phục tùng đa số, cấp dưới phục tùng cấp trên, cá nhân phục tùng tổ chức, các tổ chức trong toàn Đảng phục tùng Đại hội đại biểu toàn quốc và Ban Chấp hành Trung ương.

### Kỷ luật

Hình thức kỷ luật đối với đảng viên chính thức: khiển trách, cảnh cáo, cách chức, khai trừ; đối với đảng viên dự bị: khiển trách, cảnh cáo; đối với tổ chức đảng: khiển trách, cảnh cáo, giải tán.
`,
  },
  {
    title: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    periods: 5,
    mandatory: true,
    objectives: [
      'Hiểu khái niệm và những nội dung cơ bản của tư tưởng Hồ Chí Minh',
      'Nắm được các chuẩn mực đạo đức và nét chính trong phong cách Hồ Chí Minh',
      'Xác định được việc làm cụ thể để học tập và làm theo Bác',
    ],
    content: `## Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh

Đại hội VII của Đảng (1991) khẳng định Đảng lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động. Theo Đại hội XI, tư tưởng Hồ Chí Minh là một hệ thống quan điểm toàn diện và sâu sắc về những vấn đề cơ bản của cách mạng Việt Nam, là kết quả của sự vận dụng và phát triển sáng tạo chủ nghĩa Mác - Lênin vào điều kiện cụ thể của nước ta, kế thừa và phát triển các giá trị truyền thống tốt đẹp của dân tộc, tiếp thu tinh hoa văn hóa nhân loại.

### Tư tưởng Hồ Chí Minh

Những nội dung cơ bản: độc lập dân tộc gắn liền với chủ nghĩa xã hội; sức mạnh của khối đại đoàn kết toàn dân tộc; xây dựng Nhà nước của dân, do dân, vì dân; xây dựng Đảng trong sạch, vững mạnh; phát triển văn hóa, đạo đức và con người mới.

### Đạo đức Hồ Chí Minh

- Các chuẩn mực: trung với nước, hiếu với dân — phẩm chất bao trùm, quan trọng nhất; cần, kiệm, liêm, chính, chí công vô tư; thương yêu con người, sống có tình có nghĩa; tinh thần quốc tế trong sáng.
- Các nguyên tắc xây dựng đạo đức: nói đi đôi với làm, phải nêu gương về đạo đức; xây đi đôi với chống; tu dưỡng đạo đức suốt đời.

Trong Di chúc, Người căn dặn: “Đảng ta là một đảng cầm quyền. Mỗi đảng viên và cán bộ phải thật sự thấm nhuần đạo đức cách mạng, thật sự cần kiệm liêm chính, chí công vô tư”.

### Phong cách Hồ Chí Minh

Phong cách tư duy độc lập, tự chủ, sáng tạo; phong cách làm việc dân chủ, khoa học, sâu sát thực tế, gần gũi quần chúng; phong cách diễn đạt ngắn gọn, giản dị, dễ hiểu; phong cách ứng xử văn hóa, khiêm tốn, chân thành; phong cách sống giản dị, hòa hợp với thiên nhiên.

### Chủ trương của Đảng

Việc học tập Bác được triển khai liên tục qua Chỉ thị 06-CT/TW (2006), Chỉ thị 03-CT/TW (2011) và Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Kết luận 01-KL/TW ngày 18/5/2021 của Bộ Chính trị khóa XIII tiếp tục thực hiện Chỉ thị 05. Hằng năm, các cơ quan, đơn vị học tập chuyên đề và đưa nội dung này vào sinh hoạt chi bộ.

### Làm theo

Người phấn đấu vào Đảng cần xây dựng kế hoạch làm theo với những việc làm cụ thể, thiết thực: hoàn thành tốt công việc được giao, sống giản dị, trung thực, đoàn kết, tích cực tham gia hoạt động ở nơi làm việc và nơi cư trú.
`,
  },
  {
    title: 'Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam',
    periods: 5,
    mandatory: true,
    objectives: [
      'Xác định động cơ vào Đảng đúng đắn',
      'Nắm được điều kiện, thủ tục kết nạp và nội dung phấn đấu, rèn luyện',
      'Xây dựng kế hoạch phấn đấu của bản thân',
    ],
    content: `## Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam

Vào Đảng là sự lựa chọn tự nguyện và là vinh dự lớn, đồng thời là trách nhiệm suốt đời. Người phấn đấu vào Đảng phải có động cơ trong sáng: vào Đảng để cống hiến, phục vụ Tổ quốc và nhân dân, góp phần thực hiện mục tiêu, lý tưởng của Đảng, không vì danh lợi, địa vị hay lợi ích cá nhân.

### Điều kiện

- Là công dân Việt Nam, thừa nhận và tự nguyện thực hiện Cương lĩnh chính trị, Điều lệ Đảng, tiêu chuẩn và nhiệm vụ đảng viên, hoạt động trong một tổ chức cơ sở đảng.
- Đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng) theo quy định thi hành Điều lệ Đảng.
- Có trình độ học vấn theo quy định (thông thường là tốt nghiệp trung học cơ sở trở lên; một số đối tượng, địa bàn được vận dụng riêng).
- Đã học lớp bồi dưỡng nhận thức về Đảng và có giấy chứng nhận.

### Nội dung phấn đấu, rèn luyện

- **Chính trị, tư tưởng:** kiên định mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội, chấp hành đường lối của Đảng, pháp luật của Nhà nước.
- **Đạo đức, lối sống:** cần, kiệm, liêm, chính, chí công vô tư; trung thực, khiêm tốn, giản dị; không tham gia tệ nạn xã hội.
- **Năng lực và kết quả công tác:** hoàn thành tốt nhiệm vụ, được tập thể thừa nhận.
- **Quan hệ với quần chúng:** gần gũi, giúp đỡ mọi người, tích cực tham gia đoàn thể, hoạt động ở nơi làm việc và nơi cư trú.

### Thủ tục kết nạp

1. Viết đơn tự nguyện xin vào Đảng; tự khai lý lịch, được tổ chức đảng thẩm tra, xác minh.
2. Được hai đảng viên chính thức giới thiệu (hoặc ban chấp hành đoàn cơ sở và một đảng viên chính thức giới thiệu đối với đoàn viên trong độ tuổi thanh niên).
3. Có ý kiến nhận xét của tổ chức đoàn thể nơi làm việc và chi ủy nơi cư trú.
4. Chi bộ xét, đề nghị; cấp ủy cơ sở xét, đề nghị; cấp ủy có thẩm quyền quyết định kết nạp.
5. Chi bộ tổ chức lễ kết nạp; người được kết nạp tuyên thệ.

### Sau khi được kết nạp

Đảng viên dự bị trải qua thời kỳ dự bị 12 tháng, được đảng viên chính thức giúp đỡ, phải học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới. Hết thời kỳ dự bị, chi bộ xét và đề nghị công nhận đảng viên chính thức.
`,
  },
  {
    title: 'Thảo luận',
    periods: 5,
    mandatory: true,
    objectives: [
      'Làm rõ những vấn đề trọng tâm của năm bài học',
      'Liên hệ nội dung đã học với thực tiễn bản thân, cơ quan, địa phương',
    ],
    content: `## Thảo luận

Buổi thảo luận giúp học viên tự nghiên cứu, trao đổi và làm sáng tỏ những nội dung trọng tâm của chương trình. Lớp chia thành các tổ (mỗi tổ khoảng 10–15 học viên), có tổ trưởng điều hành, thư ký ghi biên bản; giảng viên theo dõi, gợi mở và giải đáp.

### Gợi ý chủ đề

- Vì sao nói sự ra đời của Đảng Cộng sản Việt Nam là bước ngoặt vĩ đại của cách mạng Việt Nam?
- Những bài học kinh nghiệm lớn trong Cương lĩnh (bổ sung, phát triển năm 2011) có ý nghĩa gì đối với công cuộc đổi mới hiện nay?
- Tiêu chuẩn, nhiệm vụ của đảng viên theo Điều lệ Đảng; bản thân cần phấn đấu những mặt nào để đạt tiêu chuẩn đó?
- Những chuẩn mực đạo đức Hồ Chí Minh nào cần học tập và làm theo trong công việc và cuộc sống hằng ngày của bản thân?
- Động cơ vào Đảng đúng đắn là gì? Làm thế nào để nhận diện và khắc phục động cơ không trong sáng?

### Cách thức tiến hành

1. Tổ trưởng nêu vấn đề, phân công thành viên chuẩn bị ý kiến.
2. Các thành viên phát biểu, tranh luận, liên hệ thực tiễn.
3. Thư ký tổng hợp ý kiến; tổ thống nhất những nội dung báo cáo trước lớp.
4. Giảng viên kết luận, giải đáp những vấn đề còn băn khoăn.

Kết quả thảo luận là căn cứ để giảng viên đánh giá ý thức học tập và định hướng cho bài thu hoạch cuối khóa.
`,
  },
  {
    title: 'Tham quan thực tế hoặc học tập chuyên đề mới',
    periods: 5,
    mandatory: false,
    objectives: [
      'Bồi dưỡng truyền thống cách mạng, lòng yêu nước qua các di tích, mô hình thực tế',
      'Cập nhật những chủ trương, nghị quyết mới hoặc lịch sử Đảng bộ địa phương',
    ],
    content: `## Tham quan thực tế hoặc học tập chuyên đề mới

Tùy điều kiện, trung tâm chính trị tổ chức một trong hai hình thức sau; nội dung cụ thể do cơ sở đào tạo quyết định và có thể thay đổi theo từng lớp.

### Tham quan thực tế

- Địa điểm gợi ý: khu di tích lịch sử cách mạng, bảo tàng, nhà truyền thống của địa phương; nghĩa trang liệt sĩ; mô hình sản xuất, kinh doanh hoặc điển hình tiên tiến trong học tập và làm theo Bác.
- Trước chuyến đi, giảng viên phổ biến mục đích, yêu cầu và nội quy; trong chuyến đi, học viên nghe thuyết minh, ghi chép, dâng hương tưởng niệm nơi phù hợp.
- Sau chuyến đi, mỗi tổ trao đổi về những điều tâm đắc và liên hệ với trách nhiệm của bản thân.

### Học tập chuyên đề mới

- Giới thiệu nghị quyết, chỉ thị, kết luận mới của Trung ương hoặc của cấp ủy địa phương.
- Giới thiệu lịch sử, truyền thống của Đảng bộ địa phương, các sự kiện và nhân vật tiêu biểu.
- Chuyên đề thời sự về tình hình kinh tế - xã hội, quốc phòng, an ninh của địa phương và cả nước.

### Yêu cầu

Học viên tham gia đầy đủ, nghiêm túc, giữ gìn cảnh quan di tích và bảo đảm an toàn. Những điều thu nhận được nên được sử dụng làm tư liệu liên hệ trong bài thu hoạch.
`,
  },
  {
    title: 'Ôn tập, giải đáp thắc mắc',
    periods: 5,
    mandatory: true,
    objectives: [
      'Hệ thống hóa kiến thức trọng tâm của năm bài học',
      'Giải đáp những vấn đề học viên còn băn khoăn trước khi viết bài thu hoạch',
    ],
    content: `## Ôn tập, giải đáp thắc mắc

Buổi ôn tập giúp học viên hệ thống hóa kiến thức, tự kiểm tra mức độ nắm bài và chuẩn bị cho bài thu hoạch hoặc bài kiểm tra cuối khóa.

### Các nhóm nội dung cần nắm vững

- **Lịch sử Đảng:** hoàn cảnh, thời gian, địa điểm thành lập Đảng; các kỳ đại hội tiêu biểu; những thắng lợi to lớn dưới sự lãnh đạo của Đảng.
- **Cương lĩnh:** năm bài học kinh nghiệm lớn; tám đặc trưng của xã hội xã hội chủ nghĩa; mục tiêu, phương hướng cơ bản; vai trò lãnh đạo của Đảng.
- **Điều lệ Đảng:** tiêu chuẩn, nhiệm vụ, quyền của đảng viên; điều kiện, thủ tục kết nạp; thời kỳ dự bị; nguyên tắc tập trung dân chủ; hình thức kỷ luật.
- **Tư tưởng, đạo đức, phong cách Hồ Chí Minh:** nội dung cơ bản, chuẩn mực đạo đức, các chỉ thị, kết luận của Đảng về học tập và làm theo Bác.
- **Phấn đấu vào Đảng:** động cơ, nội dung phấn đấu, trách nhiệm sau khi được kết nạp.

### Hình thức

1. Giảng viên tóm tắt nội dung trọng tâm của từng bài.
2. Học viên nêu câu hỏi trực tiếp hoặc bằng phiếu; giảng viên giải đáp.
3. Lớp có thể làm một bài trắc nghiệm ngắn để tự đánh giá (không tính điểm).

Giảng viên hướng dẫn cụ thể yêu cầu, cấu trúc và thời gian nộp bài thu hoạch.
`,
  },
  {
    title: 'Viết bài thu hoạch và bế giảng',
    periods: 5,
    mandatory: true,
    objectives: [
      'Trình bày được nhận thức của bản thân về Đảng sau khóa học',
      'Xây dựng phương hướng phấn đấu, rèn luyện trở thành đảng viên',
    ],
    content: `## Viết bài thu hoạch và bế giảng

Kết quả học tập được đánh giá bằng bài thu hoạch (hoặc bài kiểm tra cuối khóa) theo thang điểm 10. Học viên viết bài độc lập, trung thực, không sao chép.

### Yêu cầu bài thu hoạch

- Trình bày nhận thức về một hoặc một số nội dung của chương trình theo đề bài do giảng viên ra: lịch sử Đảng, Cương lĩnh, Điều lệ Đảng, học tập và làm theo Bác, phấn đấu vào Đảng.
- Liên hệ thực tế bản thân, cơ quan, đơn vị, địa phương; chỉ rõ ưu điểm, hạn chế của bản thân.
- Nêu phương hướng, kế hoạch phấn đấu cụ thể để trở thành đảng viên.

### Tiêu chí đánh giá

- Nội dung đúng, đủ các ý cơ bản, có chiều sâu nhận thức.
- Phần liên hệ cụ thể, thiết thực, phương hướng phấn đấu khả thi.
- Trình bày mạch lạc, rõ ràng.

Xếp loại mặc định: xuất sắc từ 9,0 điểm; giỏi từ 8,0; khá từ 7,0; trung bình từ 5,0; dưới 5,0 là không đạt. Học viên đạt yêu cầu (tham dự đủ thời gian theo quy định và bài thu hoạch từ 5,0 điểm trở lên) được cấp giấy chứng nhận theo Hướng dẫn 154-HD/BTGTW.

### Bế giảng

Đại diện trung tâm tổng kết lớp học, công bố kết quả, khen thưởng học viên có thành tích tốt; đại diện học viên phát biểu cảm nghĩ. Kết quả học tập được gửi về chi bộ, cấp ủy nơi học viên sinh hoạt để làm căn cứ xem xét kết nạp.
`,
  },
];

const NTVD_QUESTIONS: QuestionDraft[] = [
  // Bài 1: lịch sử Đảng
  single(
    0,
    ['lich-su-dang'],
    'Đảng Cộng sản Việt Nam lấy ngày nào hằng năm làm ngày kỷ niệm thành lập Đảng?',
    ['19/5', '3/2', '2/9', '19/8'],
    'B',
  ),
  single(
    0,
    ['lich-su-dang'],
    'Hội nghị thành lập Đảng Cộng sản Việt Nam (đầu năm 1930) được tổ chức ở đâu?',
    ['Quảng Châu (Trung Quốc)', 'Ma Cao (Trung Quốc)', 'Cửu Long, Hương Cảng (Trung Quốc)', 'Pác Bó, Cao Bằng'],
    'C',
  ),
  single(
    0,
    ['lich-su-dang'],
    'Ai chủ trì Hội nghị thành lập Đảng Cộng sản Việt Nam?',
    ['Trần Phú', 'Lê Hồng Phong', 'Hà Huy Tập', 'Nguyễn Ái Quốc'],
    'D',
  ),
  single(
    0,
    ['lich-su-dang'],
    'Tháng 10/1930, Hội nghị lần thứ nhất Ban Chấp hành Trung ương bầu ai làm Tổng Bí thư?',
    ['Trần Phú', 'Nguyễn Văn Cừ', 'Lê Duẩn', 'Trường Chinh'],
    'A',
  ),
  single(
    0,
    ['lich-su-dang', 'dai-hoi'],
    'Đại hội đại biểu toàn quốc lần thứ II của Đảng (năm 1951) quyết định đưa Đảng ra hoạt động công khai với tên gọi nào?',
    ['Đảng Cộng sản Đông Dương', 'Đảng Cộng sản Việt Nam', 'Đông Dương Cộng sản Đảng', 'Đảng Lao động Việt Nam'],
    'D',
  ),
  single(
    0,
    ['lich-su-dang', 'dai-hoi'],
    'Đại hội nào của Đảng đề ra đường lối đổi mới toàn diện đất nước?',
    ['Đại hội IV (1976)', 'Đại hội V (1982)', 'Đại hội VI (1986)', 'Đại hội VII (1991)'],
    'C',
  ),
  single(
    0,
    ['lich-su-dang', 'dai-hoi'],
    'Đại hội nào của Đảng quyết định đổi tên Đảng Lao động Việt Nam thành Đảng Cộng sản Việt Nam?',
    ['Đại hội III (1960)', 'Đại hội IV (1976)', 'Đại hội VI (1986)', 'Đại hội VII (1991)'],
    'B',
  ),
  shortAnswer(0, ['lich-su-dang'], 'Đảng Cộng sản Việt Nam được thành lập vào ngày, tháng, năm nào?', [
    '3/2/1930',
    '03/02/1930',
    '3-2-1930',
    '3.2.1930',
    'ngày 3 tháng 2 năm 1930',
    '3 tháng 2 năm 1930',
    'ngày 3/2/1930',
  ]),
  trueFalse(
    0,
    ['lich-su-dang'],
    'Tháng 10/1930, Hội nghị lần thứ nhất Ban Chấp hành Trung ương đổi tên Đảng thành Đảng Cộng sản Đông Dương.',
    true,
  ),
  multiple(
    0,
    ['lich-su-dang'],
    'Những thắng lợi nào dưới đây giành được dưới sự lãnh đạo của Đảng?',
    [
      'Cách mạng Tháng Tám năm 1945',
      'Chiến thắng Điện Biên Phủ năm 1954',
      'Đại thắng mùa Xuân năm 1975',
      'Khởi nghĩa Yên Bái năm 1930',
    ],
    ['A', 'B', 'C'],
  ),

  // Bài 2: Cương lĩnh
  single(
    1,
    ['cuong-linh'],
    'Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội được thông qua lần đầu tại Đại hội nào?',
    ['Đại hội VI (1986)', 'Đại hội VII (1991)', 'Đại hội VIII (1996)', 'Đại hội IX (2001)'],
    'B',
  ),
  single(
    1,
    ['cuong-linh'],
    'Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011) được thông qua tại Đại hội nào?',
    ['Đại hội IX', 'Đại hội X', 'Đại hội XI', 'Đại hội XII'],
    'C',
  ),
  single(
    1,
    ['cuong-linh'],
    'Theo Cương lĩnh, Đảng lấy gì làm nền tảng tư tưởng, kim chỉ nam cho hành động?',
    [
      'Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh',
      'Chủ nghĩa Mác - Lênin',
      'Tư tưởng Hồ Chí Minh',
      'Đường lối đổi mới',
    ],
    'A',
  ),
  single(
    1,
    ['cuong-linh'],
    'Theo Cương lĩnh (bổ sung, phát triển năm 2011), từ nay đến giữa thế kỷ XXI, toàn Đảng, toàn dân ta phấn đấu xây dựng nước ta trở thành:',
    [
      'Nước có thu nhập trung bình thấp',
      'Nước nông nghiệp hiện đại',
      'Nước đang phát triển có công nghiệp theo hướng hiện đại',
      'Nước công nghiệp hiện đại, theo định hướng xã hội chủ nghĩa',
    ],
    'D',
  ),
  single(
    1,
    ['cuong-linh', 'dai-hoi'],
    'Đại hội XIII của Đảng (2021) xác định mục tiêu đến năm 2045 nước ta trở thành:',
    [
      'Nước phát triển, thu nhập cao',
      'Nước đang phát triển, thu nhập trung bình cao',
      'Nước công nghiệp theo hướng hiện đại',
      'Nước thoát khỏi tình trạng kém phát triển',
    ],
    'A',
  ),
  single(
    1,
    ['cuong-linh'],
    'Quan hệ nào dưới đây thuộc các mối quan hệ lớn được nêu trong Cương lĩnh (bổ sung, phát triển năm 2011)?',
    [
      'Giữa kinh tế thị trường và định hướng xã hội chủ nghĩa',
      'Giữa kinh tế kế hoạch hóa tập trung và bao cấp',
      'Giữa thành thị và nông thôn trong phân phối lương thực',
      'Giữa nhà nước và doanh nghiệp nước ngoài',
    ],
    'A',
  ),
  multiple(
    1,
    ['cuong-linh'],
    'Những nội dung nào dưới đây là đặc trưng của xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng theo Cương lĩnh (bổ sung, phát triển năm 2011)?',
    [
      'Dân giàu, nước mạnh, dân chủ, công bằng, văn minh',
      'Do nhân dân làm chủ',
      'Có nền kinh tế kế hoạch hóa tập trung, bao cấp',
      'Có nền văn hóa tiên tiến, đậm đà bản sắc dân tộc',
    ],
    ['A', 'B', 'D'],
  ),
  multiple(
    1,
    ['cuong-linh'],
    'Những bài học kinh nghiệm lớn nào được Cương lĩnh (bổ sung, phát triển năm 2011) tổng kết?',
    [
      'Nắm vững ngọn cờ độc lập dân tộc và chủ nghĩa xã hội',
      'Sự nghiệp cách mạng là của nhân dân, do nhân dân và vì nhân dân',
      'Sự lãnh đạo đúng đắn của Đảng là nhân tố hàng đầu quyết định thắng lợi của cách mạng Việt Nam',
      'Chỉ dựa vào sức mạnh quốc tế, không cần phát huy sức mạnh dân tộc',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(
    1,
    ['cuong-linh'],
    'Cương lĩnh khẳng định Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân, đồng thời là đội tiên phong của nhân dân lao động và của dân tộc Việt Nam.',
    true,
  ),

  // Bài 3: Điều lệ Đảng
  single(
    2,
    ['dieu-le-dang'],
    'Điều lệ Đảng được nghiên cứu trong chương trình này (Điều lệ năm 2011) do Đại hội nào thông qua?',
    ['Đại hội IX', 'Đại hội X', 'Đại hội XI', 'Đại hội XIII'],
    'C',
  ),
  single(
    2,
    ['dieu-le-dang', 'ket-nap-dang'],
    'Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?',
    ['18 tháng', '6 tháng', '24 tháng', '12 tháng'],
    'D',
  ),
  single(
    2,
    ['dieu-le-dang', 'ket-nap-dang'],
    'Theo Điều lệ Đảng (2011) và quy định thi hành Điều lệ, tuổi đời của người được xét kết nạp vào Đảng (trường hợp thông thường) là:',
    [
      'Đủ 16 tuổi đến đủ 60 tuổi',
      'Đủ 18 tuổi đến đủ 55 tuổi',
      'Đủ 20 tuổi đến đủ 60 tuổi',
      'Đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)',
    ],
    'D',
  ),
  single(
    2,
    ['dieu-le-dang', 'ket-nap-dang'],
    'Theo Điều lệ Đảng, người vào Đảng phải được bao nhiêu đảng viên chính thức giới thiệu (trường hợp không do ban chấp hành đoàn cơ sở giới thiệu)?',
    ['Một đảng viên chính thức', 'Ba đảng viên chính thức', 'Toàn thể chi ủy', 'Hai đảng viên chính thức'],
    'D',
  ),
  single(
    2,
    ['dieu-le-dang'],
    'Nguyên tắc tổ chức cơ bản của Đảng Cộng sản Việt Nam là:',
    ['Tập thể lãnh đạo', 'Tự phê bình và phê bình', 'Tập trung dân chủ', 'Đoàn kết thống nhất'],
    'C',
  ),
  multiple(
    2,
    ['dieu-le-dang', 'ky-luat-dang'],
    'Theo Điều lệ Đảng, hình thức kỷ luật đối với đảng viên chính thức gồm những hình thức nào?',
    ['Khiển trách', 'Cảnh cáo', 'Cách chức', 'Khai trừ', 'Giải tán'],
    ['A', 'B', 'C', 'D'],
  ),
  trueFalse(
    2,
    ['dieu-le-dang', 'ket-nap-dang'],
    'Đảng viên dự bị có quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng như đảng viên chính thức.',
    false,
  ),
  shortAnswer(2, ['dieu-le-dang'], 'Đảng lấy nguyên tắc nào làm nguyên tắc tổ chức cơ bản?', [
    'tập trung dân chủ',
    'nguyên tắc tập trung dân chủ',
  ]),
  shortAnswer(2, ['dieu-le-dang', 'ket-nap-dang'], 'Thời kỳ dự bị của đảng viên kéo dài bao nhiêu tháng?', [
    '12',
    '12 tháng',
    'mười hai tháng',
    '1 năm',
    'một năm',
  ]),

  // Bài 4: tư tưởng, đạo đức, phong cách Hồ Chí Minh
  single(
    3,
    ['tu-tuong-ho-chi-minh'],
    'Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII về nội dung gì?',
    [
      'Nâng cao chất lượng sinh hoạt chi bộ',
      'Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      'Tăng cường công tác phát triển đảng viên',
      'Tăng cường bảo vệ nền tảng tư tưởng của Đảng',
    ],
    'B',
  ),
  single(
    3,
    ['tu-tuong-ho-chi-minh', 'dai-hoi'],
    'Đại hội nào của Đảng khẳng định lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động?',
    ['Đại hội VI (1986)', 'Đại hội VII (1991)', 'Đại hội IX (2001)', 'Đại hội XI (2011)'],
    'B',
  ),
  single(
    3,
    ['tu-tuong-ho-chi-minh', 'dao-duc'],
    'Theo tư tưởng Hồ Chí Minh, phẩm chất đạo đức bao trùm, quan trọng nhất của người cách mạng là:',
    ['Cần, kiệm, liêm, chính', 'Thương yêu con người', 'Trung với nước, hiếu với dân', 'Tinh thần quốc tế trong sáng'],
    'C',
  ),
  single(
    3,
    ['tu-tuong-ho-chi-minh'],
    'Câu “Đảng ta là một đảng cầm quyền” được Chủ tịch Hồ Chí Minh viết trong văn kiện nào?',
    ['Tuyên ngôn độc lập', 'Đường Kách mệnh', 'Di chúc', 'Lời kêu gọi toàn quốc kháng chiến'],
    'C',
  ),
  multiple(
    3,
    ['tu-tuong-ho-chi-minh', 'dao-duc'],
    'Những nguyên tắc xây dựng đạo đức cách mạng theo tư tưởng Hồ Chí Minh gồm:',
    [
      'Nói đi đôi với làm, phải nêu gương về đạo đức',
      'Xây đi đôi với chống',
      'Tu dưỡng đạo đức suốt đời',
      'Chỉ cần rèn luyện trong thời gian phấn đấu vào Đảng',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(
    3,
    ['tu-tuong-ho-chi-minh'],
    'Kết luận 01-KL/TW ngày 18/5/2021 của Bộ Chính trị khóa XIII là về tiếp tục thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
    true,
  ),

  // Bài 5: phấn đấu trở thành đảng viên
  single(
    4,
    ['phan-dau-vao-dang'],
    'Động cơ vào Đảng đúng đắn là:',
    [
      'Để có thêm cơ hội thăng tiến',
      'Để được cống hiến, phục vụ Tổ quốc và nhân dân, thực hiện lý tưởng của Đảng',
      'Vì gia đình, bạn bè mong muốn',
      'Để hoàn thiện hồ sơ cá nhân',
    ],
    'B',
  ),
  single(
    4,
    ['phan-dau-vao-dang', 'ket-nap-dang'],
    'Trước khi được xét kết nạp, người vào Đảng phải có giấy chứng nhận nào?',
    [
      'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
      'Giấy chứng nhận học lớp lý luận chính trị dành cho đảng viên mới',
      'Bằng trung cấp lý luận chính trị',
      'Giấy chứng nhận bồi dưỡng nghiệp vụ công tác Đảng',
    ],
    'A',
  ),
  single(
    4,
    ['phan-dau-vao-dang', 'ket-nap-dang'],
    'Tổ chức đảng nào trực tiếp xét và đề nghị kết nạp người vào Đảng?',
    ['Chi bộ nơi người vào Đảng sinh hoạt, công tác', 'Ban Tổ chức Trung ương', 'Ủy ban Kiểm tra', 'Mặt trận Tổ quốc'],
    'A',
  ),
  multiple(
    4,
    ['phan-dau-vao-dang', 'ket-nap-dang'],
    'Theo Điều lệ Đảng, người vào Đảng phải đáp ứng những yêu cầu nào dưới đây?',
    [
      'Có đơn tự nguyện xin vào Đảng',
      'Báo cáo trung thực lý lịch với chi bộ',
      'Được hai đảng viên chính thức giới thiệu',
      'Có bằng tốt nghiệp đại học',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(
    4,
    ['phan-dau-vao-dang', 'ket-nap-dang'],
    'Người được kết nạp trở thành đảng viên chính thức ngay sau lễ kết nạp.',
    false,
  ),
  shortAnswer(4, ['phan-dau-vao-dang', 'ket-nap-dang'], 'Tổ chức đảng nào tổ chức lễ kết nạp đảng viên?', [
    'chi bộ',
    'chi bộ nơi sinh hoạt',
  ]),

  // Bài thu hoạch
  essay(
    8,
    ['bai-thu-hoach'],
    'Trình bày nhận thức của anh (chị) về tiêu chuẩn, nhiệm vụ của đảng viên theo Điều lệ Đảng. Liên hệ bản thân và nêu phương hướng phấn đấu để trở thành đảng viên Đảng Cộng sản Việt Nam.',
  ),
];

// ---------------------------------------------------------------------------------------------
// 2. Lý luận chính trị dành cho đảng viên mới: 10 chuyên đề (phiên bản 2013 có 9 bài).
// ---------------------------------------------------------------------------------------------

const DVM_LESSONS: ReferenceLesson[] = [
  {
    title: 'Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh - nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được những nội dung cơ bản của chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh',
      'Hiểu vì sao Đảng lấy chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh làm nền tảng tư tưởng',
      'Nâng cao ý thức bảo vệ nền tảng tư tưởng của Đảng',
    ],
    content: `## Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh - nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng

Chủ nghĩa Mác - Lênin là hệ thống quan điểm và học thuyết khoa học do C. Mác, Ph. Ăngghen sáng lập và V.I. Lênin bảo vệ, phát triển; gồm ba bộ phận lý luận cơ bản: triết học Mác - Lênin, kinh tế chính trị Mác - Lênin và chủ nghĩa xã hội khoa học. Đây là thế giới quan, phương pháp luận khoa học và là lý luận về sự nghiệp giải phóng giai cấp công nhân, nhân dân lao động và giải phóng con người.

### Tư tưởng Hồ Chí Minh

Tư tưởng Hồ Chí Minh là hệ thống quan điểm toàn diện và sâu sắc về những vấn đề cơ bản của cách mạng Việt Nam, là kết quả của sự vận dụng và phát triển sáng tạo chủ nghĩa Mác - Lênin vào điều kiện cụ thể của nước ta, kế thừa và phát triển các giá trị truyền thống tốt đẹp của dân tộc, tiếp thu tinh hoa văn hóa nhân loại.

### Nền tảng tư tưởng của Đảng

- Đại hội VII (1991) khẳng định Đảng lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động.
- Thực tiễn cách mạng Việt Nam chứng minh sự đúng đắn của lựa chọn đó: giành độc lập dân tộc, thống nhất đất nước và thành tựu của công cuộc đổi mới.
- Vận dụng sáng tạo, không giáo điều; bổ sung, phát triển lý luận bằng tổng kết thực tiễn.

### Bảo vệ nền tảng tư tưởng của Đảng

Nghị quyết 35-NQ/TW (2018) của Bộ Chính trị xác định tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch là nhiệm vụ của cả hệ thống chính trị. Đảng viên mới cần chủ động học tập lý luận, nâng cao bản lĩnh chính trị, tỉnh táo nhận diện thông tin xấu, độc trên mạng xã hội và tích cực lan tỏa thông tin tích cực.
`,
  },
  {
    title: 'Độc lập dân tộc gắn liền với chủ nghĩa xã hội - mục tiêu, con đường của cách mạng Việt Nam',
    periods: 4,
    mandatory: true,
    objectives: [
      'Hiểu mối quan hệ giữa độc lập dân tộc và chủ nghĩa xã hội',
      'Nắm được các đặc trưng của xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng',
    ],
    content: `## Độc lập dân tộc gắn liền với chủ nghĩa xã hội - mục tiêu, con đường của cách mạng Việt Nam

Ngay từ Cương lĩnh chính trị đầu tiên (1930), Đảng đã xác định con đường cách mạng Việt Nam là giành độc lập dân tộc rồi tiến lên chủ nghĩa xã hội. Độc lập dân tộc là điều kiện tiên quyết để thực hiện chủ nghĩa xã hội; chủ nghĩa xã hội là cơ sở bảo đảm vững chắc cho độc lập dân tộc.

### Con đường quá độ

Nước ta quá độ lên chủ nghĩa xã hội bỏ qua chế độ tư bản chủ nghĩa, tức là bỏ qua việc xác lập vị trí thống trị của quan hệ sản xuất và kiến trúc thượng tầng tư bản chủ nghĩa, nhưng tiếp thu, kế thừa những thành tựu mà nhân loại đạt được dưới chế độ tư bản chủ nghĩa, nhất là về khoa học và công nghệ. Đây là một quá trình lâu dài, khó khăn, phức tạp, phải trải qua nhiều chặng đường.

### Đặc trưng của xã hội xã hội chủ nghĩa

Theo Cương lĩnh (bổ sung, phát triển năm 2011), xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng là xã hội dân giàu, nước mạnh, dân chủ, công bằng, văn minh; do nhân dân làm chủ; có nền kinh tế phát triển cao dựa trên lực lượng sản xuất hiện đại và quan hệ sản xuất tiến bộ phù hợp; có nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; con người có cuộc sống ấm no, tự do, hạnh phúc; các dân tộc bình đẳng, đoàn kết; có Nhà nước pháp quyền xã hội chủ nghĩa; có quan hệ hữu nghị và hợp tác với các nước.

### Trách nhiệm của đảng viên

- Kiên định mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội, không dao động trước khó khăn.
- Đấu tranh với các quan điểm phủ nhận con đường đi lên chủ nghĩa xã hội ở nước ta.
- Gương mẫu thực hiện nhiệm vụ chính trị ở cơ quan, đơn vị, địa phương, góp phần hiện thực hóa mục tiêu phát triển đất nước.
`,
  },
  {
    title: 'Đại đoàn kết toàn dân tộc, dân chủ xã hội chủ nghĩa, Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam',
    periods: 4,
    mandatory: true,
    objectives: [
      'Hiểu quan điểm của Đảng về đại đoàn kết toàn dân tộc và dân chủ xã hội chủ nghĩa',
      'Nắm được đặc điểm của Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam',
    ],
    content: `## Đại đoàn kết toàn dân tộc, dân chủ xã hội chủ nghĩa, Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam

### Đại đoàn kết toàn dân tộc

Đại đoàn kết toàn dân tộc là truyền thống quý báu, là đường lối chiến lược, nguồn sức mạnh và động lực chủ yếu, nhân tố có ý nghĩa quyết định bảo đảm thắng lợi bền vững của sự nghiệp xây dựng và bảo vệ Tổ quốc. Chủ tịch Hồ Chí Minh khẳng định: “Đoàn kết, đoàn kết, đại đoàn kết. Thành công, thành công, đại thành công”. Nền tảng của khối đại đoàn kết là liên minh giai cấp công nhân với giai cấp nông dân và đội ngũ trí thức, do Đảng lãnh đạo; Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội giữ vai trò nòng cốt trong tập hợp, vận động nhân dân.

### Dân chủ xã hội chủ nghĩa

Dân chủ xã hội chủ nghĩa vừa là mục tiêu, vừa là động lực của sự phát triển đất nước. Dân chủ được thực hiện qua hình thức dân chủ đại diện và dân chủ trực tiếp, gắn liền với kỷ cương, pháp luật. Đại hội XIII nhấn mạnh phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.

### Nhà nước pháp quyền xã hội chủ nghĩa

Hiến pháp năm 2013 khẳng định Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền xã hội chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân dân. Quyền lực nhà nước là thống nhất, có sự phân công, phối hợp, kiểm soát giữa các cơ quan trong việc thực hiện các quyền lập pháp, hành pháp, tư pháp. Nhà nước quản lý xã hội bằng Hiến pháp và pháp luật, đặt dưới sự lãnh đạo của Đảng.

### Trách nhiệm của đảng viên

- Gương mẫu chấp hành pháp luật, tôn trọng và phát huy quyền làm chủ của nhân dân.
- Tham gia xây dựng khối đoàn kết ở khu dân cư, cơ quan; lắng nghe, phản ánh kịp thời tâm tư, nguyện vọng của nhân dân.
`,
  },
  {
    title: 'Đường lối phát triển kinh tế - xã hội',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được quan điểm của Đảng về kinh tế thị trường định hướng xã hội chủ nghĩa',
      'Biết các mục tiêu, đột phá chiến lược do Đại hội XIII đề ra',
    ],
    content: `## Đường lối phát triển kinh tế - xã hội

Mô hình kinh tế tổng quát của nước ta trong thời kỳ quá độ là nền kinh tế thị trường định hướng xã hội chủ nghĩa: nền kinh tế vận hành đầy đủ, đồng bộ theo các quy luật của kinh tế thị trường, đồng thời bảo đảm định hướng xã hội chủ nghĩa phù hợp với từng giai đoạn phát triển của đất nước; có sự quản lý của Nhà nước pháp quyền xã hội chủ nghĩa, do Đảng Cộng sản Việt Nam lãnh đạo.

### Các thành phần kinh tế

Nền kinh tế có nhiều hình thức sở hữu, nhiều thành phần kinh tế, trong đó kinh tế nhà nước giữ vai trò chủ đạo; kinh tế tập thể, kinh tế hợp tác không ngừng được củng cố, phát triển; kinh tế tư nhân là một động lực quan trọng; kinh tế có vốn đầu tư nước ngoài được khuyến khích phát triển. Các chủ thể thuộc các thành phần kinh tế bình đẳng, hợp tác, cạnh tranh theo pháp luật.

### Mục tiêu do Đại hội XIII đề ra

- Đến năm 2025: là nước đang phát triển, có công nghiệp theo hướng hiện đại, vượt qua mức thu nhập trung bình thấp.
- Đến năm 2030: là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao.
- Đến năm 2045: trở thành nước phát triển, thu nhập cao.

### Ba đột phá chiến lược

1. Hoàn thiện đồng bộ thể chế phát triển, trước hết là thể chế phát triển nền kinh tế thị trường định hướng xã hội chủ nghĩa.
2. Phát triển nguồn nhân lực, nhất là nguồn nhân lực chất lượng cao.
3. Xây dựng hệ thống kết cấu hạ tầng đồng bộ, hiện đại.

### Gắn tăng trưởng với tiến bộ, công bằng xã hội

Thực hiện tiến bộ và công bằng xã hội ngay trong từng bước và từng chính sách phát triển; chăm lo an sinh xã hội, giảm nghèo bền vững. Đảng viên cần tích cực lao động sản xuất, kinh doanh đúng pháp luật, đi đầu ứng dụng tiến bộ khoa học kỹ thuật và vận động nhân dân cùng thực hiện.
`,
  },
  {
    title: 'Phát triển giáo dục và đào tạo, khoa học và công nghệ, văn hóa, con người và bảo vệ môi trường',
    periods: 4,
    mandatory: true,
    objectives: [
      'Hiểu quan điểm của Đảng về giáo dục, khoa học và công nghệ, văn hóa, con người',
      'Nắm được yêu cầu bảo vệ môi trường, ứng phó với biến đổi khí hậu',
    ],
    content: `## Phát triển giáo dục và đào tạo, khoa học và công nghệ, văn hóa, con người và bảo vệ môi trường

### Giáo dục và đào tạo

Giáo dục và đào tạo là quốc sách hàng đầu, là sự nghiệp của Đảng, Nhà nước và toàn dân; đầu tư cho giáo dục là đầu tư cho phát triển. Nghị quyết 29-NQ/TW (2013) của Hội nghị Trung ương 8 khóa XI đề ra chủ trương đổi mới căn bản, toàn diện giáo dục và đào tạo, chuyển từ chủ yếu trang bị kiến thức sang phát triển toàn diện năng lực và phẩm chất người học.

### Khoa học và công nghệ

Phát triển khoa học và công nghệ là quốc sách hàng đầu, là động lực then chốt để phát triển lực lượng sản xuất hiện đại; chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư, thúc đẩy đổi mới sáng tạo và chuyển đổi số.

### Văn hóa, con người

Văn hóa là nền tảng tinh thần của xã hội, vừa là mục tiêu, vừa là động lực phát triển. Nghị quyết 33-NQ/TW (2014) về xây dựng và phát triển văn hóa, con người Việt Nam xác định xây dựng nền văn hóa tiên tiến, đậm đà bản sắc dân tộc, con người Việt Nam phát triển toàn diện, hướng đến chân - thiện - mỹ, thấm nhuần tinh thần dân tộc, nhân văn, dân chủ và khoa học.

### Bảo vệ môi trường

Bảo vệ môi trường là vấn đề sống còn, là trách nhiệm của cả hệ thống chính trị và toàn xã hội; không đánh đổi môi trường lấy tăng trưởng kinh tế. Chủ động ứng phó với biến đổi khí hậu, quản lý, sử dụng hợp lý, tiết kiệm tài nguyên, phát triển bền vững.

### Trách nhiệm của đảng viên

- Gương mẫu học tập suốt đời, ứng dụng khoa học, công nghệ trong công việc.
- Xây dựng gia đình văn hóa, nếp sống văn minh ở khu dân cư.
- Đi đầu giữ gìn vệ sinh môi trường, phân loại rác, tiết kiệm năng lượng và vận động nhân dân cùng thực hiện.
`,
  },
  {
    title: 'Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc Việt Nam xã hội chủ nghĩa',
    periods: 4,
    mandatory: true,
    objectives: [
      'Hiểu quan điểm của Đảng về nền quốc phòng toàn dân và nền an ninh nhân dân',
      'Xác định trách nhiệm của đảng viên trong bảo vệ Tổ quốc',
    ],
    content: `## Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc Việt Nam xã hội chủ nghĩa

Xây dựng và bảo vệ Tổ quốc là hai nhiệm vụ chiến lược có quan hệ chặt chẽ với nhau. Mục tiêu bảo vệ Tổ quốc là bảo vệ vững chắc độc lập, chủ quyền, thống nhất, toàn vẹn lãnh thổ; bảo vệ Đảng, Nhà nước, nhân dân và chế độ xã hội chủ nghĩa; bảo vệ sự nghiệp đổi mới, lợi ích quốc gia - dân tộc; giữ vững môi trường hòa bình, ổn định chính trị, an ninh quốc gia, trật tự, an toàn xã hội.

### Quan điểm chỉ đạo

- Giữ vững nguyên tắc Đảng lãnh đạo tuyệt đối, trực tiếp về mọi mặt đối với Quân đội nhân dân và Công an nhân dân, đối với sự nghiệp củng cố quốc phòng, bảo vệ an ninh quốc gia.
- Xây dựng nền quốc phòng toàn dân, thế trận quốc phòng toàn dân gắn với nền an ninh nhân dân, thế trận an ninh nhân dân vững chắc; xây dựng “thế trận lòng dân” là nền tảng.
- Kết hợp chặt chẽ kinh tế, văn hóa, xã hội với quốc phòng, an ninh và quốc phòng, an ninh với kinh tế, văn hóa, xã hội.
- Chủ động bảo vệ Tổ quốc từ sớm, từ xa, phát hiện sớm và xử lý kịp thời những yếu tố bất lợi, nhất là những yếu tố có nguy cơ gây đột biến.

### Lực lượng vũ trang

Xây dựng Quân đội nhân dân và Công an nhân dân cách mạng, chính quy, tinh nhuệ, từng bước hiện đại, một số quân chủng, binh chủng, lực lượng tiến thẳng lên hiện đại; xây dựng lực lượng dân quân tự vệ, dự bị động viên vững mạnh, rộng khắp.

### Trách nhiệm của đảng viên

- Nâng cao cảnh giác trước các âm mưu “diễn biến hòa bình”, bạo loạn lật đổ.
- Tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc, giữ gìn trật tự, an toàn ở địa bàn dân cư.
- Vận động con em, người thân thực hiện nghĩa vụ quân sự, nghĩa vụ tham gia công an nhân dân.
`,
  },
  {
    title: 'Đường lối đối ngoại, hội nhập quốc tế',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được đường lối đối ngoại độc lập, tự chủ, đa phương hóa, đa dạng hóa',
      'Hiểu yêu cầu chủ động, tích cực hội nhập quốc tế toàn diện, sâu rộng',
    ],
    content: `## Đường lối đối ngoại, hội nhập quốc tế

Đảng chủ trương thực hiện nhất quán đường lối đối ngoại độc lập, tự chủ, hòa bình, hữu nghị, hợp tác và phát triển; đa dạng hóa, đa phương hóa quan hệ đối ngoại; chủ động và tích cực hội nhập quốc tế toàn diện, sâu rộng; Việt Nam là bạn, là đối tác tin cậy và thành viên tích cực, có trách nhiệm trong cộng đồng quốc tế.

### Mục tiêu và nguyên tắc

- Bảo đảm cao nhất lợi ích quốc gia - dân tộc trên cơ sở các nguyên tắc cơ bản của Hiến chương Liên hợp quốc và luật pháp quốc tế, bình đẳng, hợp tác, cùng có lợi.
- Giữ vững môi trường hòa bình, ổn định; tranh thủ tối đa các nguồn lực bên ngoài để phát triển đất nước; nâng cao vị thế, uy tín quốc tế.
- Kiên quyết, kiên trì bảo vệ độc lập, chủ quyền, thống nhất, toàn vẹn lãnh thổ bằng biện pháp hòa bình, phù hợp với luật pháp quốc tế.

### Chính sách quốc phòng “bốn không”

Việt Nam không tham gia liên minh quân sự; không liên kết với nước này để chống nước kia; không cho nước ngoài đặt căn cứ quân sự hoặc sử dụng lãnh thổ Việt Nam để chống lại nước khác; không sử dụng vũ lực hoặc đe dọa sử dụng vũ lực trong quan hệ quốc tế.

### Những dấu mốc hội nhập

Việt Nam gia nhập Hiệp hội các quốc gia Đông Nam Á (ASEAN) năm 1995 và trở thành thành viên Tổ chức Thương mại thế giới (WTO) năm 2007; tham gia nhiều hiệp định thương mại tự do thế hệ mới; từng đảm nhiệm vai trò Ủy viên không thường trực Hội đồng Bảo an Liên hợp quốc.

### Trách nhiệm của đảng viên

- Nắm vững chủ trương đối ngoại, giữ gìn bí mật nhà nước, tỉnh táo trước thông tin sai lệch về chủ quyền biển, đảo.
- Trong giao lưu, hợp tác với đối tác nước ngoài, giữ gìn bản sắc, phẩm chất, hình ảnh người Việt Nam.
`,
  },
  {
    title: 'Nguyên tắc tổ chức và hoạt động của Đảng; xây dựng tổ chức cơ sở đảng',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được các nguyên tắc tổ chức và hoạt động của Đảng',
      'Hiểu vị trí, chức năng, nhiệm vụ của tổ chức cơ sở đảng và chi bộ',
    ],
    content: `## Nguyên tắc tổ chức và hoạt động của Đảng; xây dựng tổ chức cơ sở đảng

### Các nguyên tắc

- **Tập trung dân chủ** là nguyên tắc tổ chức cơ bản: cơ quan lãnh đạo các cấp do bầu cử lập ra; tập thể lãnh đạo, cá nhân phụ trách; thiểu số phục tùng đa số, cấp dưới phục tùng cấp trên, cá nhân phục tùng tổ chức.
- **Tự phê bình và phê bình** là quy luật phát triển của Đảng, được thực hiện thường xuyên, nghiêm túc, trung thực, xây dựng.
- **Đoàn kết thống nhất** trong Đảng trên cơ sở Cương lĩnh chính trị và Điều lệ Đảng.
- **Gắn bó mật thiết với nhân dân**, chịu sự giám sát của nhân dân.
- **Hoạt động trong khuôn khổ Hiến pháp và pháp luật.**

### Tổ chức cơ sở đảng

Tổ chức cơ sở đảng (chi bộ cơ sở, đảng bộ cơ sở) là nền tảng của Đảng, hạt nhân chính trị ở cơ sở, được lập ở xã, phường, cơ quan, doanh nghiệp, đơn vị sự nghiệp, đơn vị lực lượng vũ trang… có từ ba đảng viên chính thức trở lên. Tổ chức cơ sở đảng có nhiệm vụ lãnh đạo thực hiện nhiệm vụ chính trị; xây dựng tổ chức đảng trong sạch, vững mạnh; giáo dục, quản lý, phát triển đảng viên; lãnh đạo xây dựng chính quyền, đoàn thể; kiểm tra, giám sát.

### Chi bộ

Chi bộ là tế bào của Đảng, nơi trực tiếp giáo dục, quản lý, phân công công tác cho đảng viên. Chủ tịch Hồ Chí Minh khẳng định chi bộ là nền móng của Đảng. Chi bộ họp thường lệ mỗi tháng một lần; chi bộ có dưới chín đảng viên chính thức bầu bí thư (nếu cần bầu phó bí thư), chi bộ có từ chín đảng viên chính thức trở lên bầu chi ủy.

### Trách nhiệm của đảng viên mới

- Sinh hoạt đảng đều đặn, đóng đảng phí đúng quy định, phát biểu ý kiến xây dựng nghị quyết chi bộ.
- Nhận và hoàn thành nhiệm vụ chi bộ phân công; giữ mối liên hệ với chi ủy và nhân dân nơi cư trú.
`,
  },
  {
    title: 'Xây dựng, chỉnh đốn Đảng',
    periods: 4,
    mandatory: true,
    objectives: [
      'Hiểu yêu cầu xây dựng Đảng toàn diện về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ',
      'Nhận diện các biểu hiện suy thoái, “tự diễn biến”, “tự chuyển hóa”',
    ],
    content: `## Xây dựng, chỉnh đốn Đảng

Xây dựng Đảng là nhiệm vụ then chốt, có ý nghĩa sống còn đối với Đảng và chế độ. Đại hội XIII xác định tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện; xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ.

### Các văn bản quan trọng

- Nghị quyết Hội nghị Trung ương 4 khóa XII (2016) về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ, nêu 27 biểu hiện cần nhận diện.
- Kết luận 21-KL/TW (2021) của Hội nghị Trung ương 4 khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị.
- Quy định của Ban Chấp hành Trung ương về những điều đảng viên không được làm; quy định về trách nhiệm nêu gương của cán bộ, đảng viên.

### Những biểu hiện cần đấu tranh

- Phai nhạt lý tưởng, dao động, giảm sút niềm tin; lười học tập lý luận.
- Chủ nghĩa cá nhân, vụ lợi, cơ hội, “lợi ích nhóm”; tham nhũng, tiêu cực, lãng phí.
- Nói không đi đôi với làm; nói và làm trái nghị quyết, quy định của Đảng.
- Quan liêu, xa dân, thờ ơ trước khó khăn của nhân dân.

### Giải pháp

Tăng cường giáo dục chính trị, tư tưởng; nâng cao chất lượng sinh hoạt chi bộ và tự phê bình, phê bình; siết chặt kỷ luật, kỷ cương; đẩy mạnh kiểm tra, giám sát; phát huy vai trò giám sát của nhân dân; kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng, tiêu cực.

### Trách nhiệm của đảng viên mới

Thường xuyên tự soi, tự sửa; không ngừng tu dưỡng, rèn luyện đạo đức cách mạng; dũng cảm đấu tranh với những biểu hiện tiêu cực, đồng thời bảo vệ cái đúng, người tốt.
`,
  },
  {
    title: 'Nâng cao ý thức phấn đấu, rèn luyện để xứng đáng là đảng viên Đảng Cộng sản Việt Nam',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm vững nhiệm vụ, quyền của đảng viên và yêu cầu trong thời kỳ dự bị',
      'Xây dựng kế hoạch rèn luyện để được công nhận đảng viên chính thức',
    ],
    content: `## Nâng cao ý thức phấn đấu, rèn luyện để xứng đáng là đảng viên Đảng Cộng sản Việt Nam

Được đứng trong hàng ngũ của Đảng là vinh dự lớn, đồng thời là trách nhiệm suốt đời. Đảng viên là chiến sĩ cách mạng trong đội tiên phong của giai cấp công nhân, nhân dân lao động và của dân tộc Việt Nam, suốt đời phấn đấu cho mục đích, lý tưởng của Đảng, đặt lợi ích của Tổ quốc, của giai cấp công nhân và nhân dân lao động lên trên lợi ích cá nhân.

### Nhiệm vụ và quyền của đảng viên

- Nhiệm vụ: trung thành với mục đích, lý tưởng của Đảng, hoàn thành nhiệm vụ được giao; không ngừng học tập, rèn luyện; liên hệ chặt chẽ với nhân dân; tham gia xây dựng, bảo vệ Đảng, phục tùng kỷ luật, sinh hoạt đảng và đóng đảng phí đúng quy định.
- Quyền: được thông tin, thảo luận, biểu quyết; ứng cử, đề cử, bầu cử; phê bình, chất vấn, kiến nghị; trình bày ý kiến khi tổ chức đảng nhận xét hoặc thi hành kỷ luật đối với mình. Đảng viên dự bị có nhiệm vụ và quyền như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.

### Thời kỳ dự bị

Thời kỳ dự bị là 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp. Trong thời gian này, đảng viên dự bị được đảng viên chính thức giúp đỡ, phải học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới; giấy chứng nhận hoàn thành chương trình là một trong những căn cứ để chi bộ xét công nhận đảng viên chính thức.

### Nội dung rèn luyện

- Kiên định lý tưởng, bản lĩnh chính trị vững vàng.
- Gương mẫu về đạo đức, lối sống; nói đi đôi với làm; thực hiện tốt trách nhiệm nêu gương.
- Hoàn thành tốt nhiệm vụ chuyên môn; nhận và thực hiện nhiệm vụ chi bộ phân công.
- Giữ mối liên hệ với chi ủy, tổ chức đảng và nhân dân nơi cư trú.

Cuối khóa, học viên viết bài thu hoạch liên hệ bản thân và nêu kế hoạch phấn đấu trong thời kỳ dự bị.
`,
  },
];

const DVM_QUESTIONS: QuestionDraft[] = [
  single(
    0,
    ['nen-tang-tu-tuong'],
    'Chủ nghĩa Mác - Lênin gồm ba bộ phận lý luận cơ bản nào?',
    [
      'Triết học, kinh tế chính trị, chủ nghĩa xã hội khoa học',
      'Triết học, lịch sử, chính trị học',
      'Kinh tế học, xã hội học, luật học',
      'Triết học, kinh tế chính trị, xây dựng Đảng',
    ],
    'A',
  ),
  single(
    2,
    ['nha-nuoc-phap-quyen'],
    'Hiến pháp năm 2013 khẳng định Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là:',
    [
      'Nhà nước dân chủ nhân dân',
      'Nhà nước chuyên chính vô sản',
      'Nhà nước pháp quyền xã hội chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân dân',
      'Nhà nước liên bang',
    ],
    'C',
  ),
  multiple(
    3,
    ['kinh-te-xa-hoi', 'dai-hoi'],
    'Đại hội XIII xác định những đột phá chiến lược nào?',
    [
      'Hoàn thiện đồng bộ thể chế phát triển',
      'Phát triển nguồn nhân lực, nhất là nguồn nhân lực chất lượng cao',
      'Xây dựng hệ thống kết cấu hạ tầng đồng bộ, hiện đại',
      'Khôi phục cơ chế kế hoạch hóa tập trung',
    ],
    ['A', 'B', 'C'],
  ),
  single(
    6,
    ['doi-ngoai'],
    'Việt Nam trở thành thành viên của Hiệp hội các quốc gia Đông Nam Á (ASEAN) năm nào?',
    ['1991', '1995', '2000', '2007'],
    'B',
  ),
  trueFalse(7, ['xay-dung-dang'], 'Chi bộ họp thường lệ mỗi tháng một lần.', true),
  trueFalse(
    9,
    ['dang-vien-du-bi'],
    'Đảng viên dự bị không bắt buộc phải học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới.',
    false,
  ),
  essay(
    9,
    ['bai-thu-hoach'],
    'Từ những nội dung đã học, anh (chị) hãy liên hệ bản thân và xây dựng kế hoạch phấn đấu, rèn luyện trong thời kỳ dự bị để trở thành đảng viên chính thức.',
  ),
];

// ---------------------------------------------------------------------------------------------
// 3. Nghiệp vụ công tác Đảng cho bí thư chi bộ và cấp ủy viên ở cơ sở: 30 tiết = 3 ngày.
// ---------------------------------------------------------------------------------------------

const BTCB_LESSONS: ReferenceLesson[] = [
  {
    title: 'Vai trò, nhiệm vụ của chi bộ, bí thư chi bộ và cấp ủy viên ở cơ sở',
    periods: 3,
    mandatory: true,
    objectives: [
      'Nắm được vị trí, nhiệm vụ của chi bộ trong tổ chức cơ sở đảng',
      'Xác định rõ trách nhiệm, phương pháp công tác của bí thư chi bộ',
    ],
    content: `## Vai trò, nhiệm vụ của chi bộ, bí thư chi bộ và cấp ủy viên ở cơ sở

Chi bộ là tế bào của Đảng, là nơi trực tiếp giáo dục, quản lý, rèn luyện và phân công công tác cho đảng viên, gắn bó mật thiết với quần chúng. Chủ tịch Hồ Chí Minh căn dặn: chi bộ là nền móng của Đảng, chi bộ tốt thì mọi việc sẽ tốt. Chi bộ có dưới chín đảng viên chính thức bầu bí thư (nếu cần bầu phó bí thư); chi bộ có từ chín đảng viên chính thức trở lên bầu chi ủy, bí thư và phó bí thư.

### Nhiệm vụ chủ yếu của chi bộ

- Lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan, đơn vị, thôn, tổ dân phố.
- Giáo dục, quản lý, phân công công tác cho đảng viên; làm công tác phát triển đảng viên.
- Lãnh đạo chính quyền, đoàn thể cùng cấp (nơi có) và công tác dân vận.
- Kiểm tra, giám sát việc chấp hành của đảng viên; đánh giá, xếp loại đảng viên hằng năm.

### Vai trò của bí thư chi bộ

Bí thư chi bộ là người chịu trách nhiệm chính về hoạt động của chi bộ: chuẩn bị và chủ trì sinh hoạt chi bộ; cụ thể hóa nghị quyết của cấp trên thành nghị quyết, chương trình hành động của chi bộ; phân công nhiệm vụ cho chi ủy viên và đảng viên; nắm tình hình tư tưởng đảng viên và quần chúng; giữ mối liên hệ với đảng ủy cơ sở và các đoàn thể.

### Phẩm chất, phương pháp công tác

- Gương mẫu về đạo đức, lối sống, có uy tín với đảng viên và nhân dân.
- Dân chủ, sâu sát, nắm chắc tình hình; biết lắng nghe, quyết đoán đúng lúc.
- Làm việc có kế hoạch: kế hoạch năm, quý, tháng; kiểm tra, đôn đốc việc thực hiện.
- Giữ gìn đoàn kết nội bộ, phát huy trí tuệ tập thể chi ủy.

Cấp ủy viên cơ sở được phân công phụ trách chi bộ có trách nhiệm dự sinh hoạt, hướng dẫn, giúp đỡ chi bộ và phản ánh tình hình lên đảng ủy.
`,
  },
  {
    title: 'Tổ chức sinh hoạt chi bộ: nội dung, quy trình và nâng cao chất lượng',
    periods: 5,
    mandatory: true,
    objectives: [
      'Nắm được các loại sinh hoạt chi bộ và quy trình một buổi sinh hoạt thường kỳ',
      'Áp dụng các giải pháp nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 10-CT/TW',
    ],
    content: `## Tổ chức sinh hoạt chi bộ: nội dung, quy trình và nâng cao chất lượng

Sinh hoạt chi bộ là hoạt động tập thể của đảng viên để thảo luận, quyết định những vấn đề thuộc nhiệm vụ chính trị và công tác xây dựng Đảng của chi bộ. Chỉ thị 10-CT/TW ngày 30/3/2007 của Ban Bí thư (khóa X) về nâng cao chất lượng sinh hoạt chi bộ và Kết luận 18-KL/TW (2017) của Ban Bí thư (khóa XII) về tiếp tục đẩy mạnh thực hiện Chỉ thị 10 là những văn bản chỉ đạo quan trọng; Ban Tổ chức Trung ương hướng dẫn cụ thể (Hướng dẫn 12-HD/BTCTW năm 2018).

### Các loại sinh hoạt

- **Sinh hoạt thường kỳ:** mỗi tháng một lần, đánh giá việc thực hiện nhiệm vụ tháng, đề ra nhiệm vụ tháng tới.
- **Sinh hoạt chuyên đề:** ít nhất mỗi quý một lần, tập trung một vấn đề (học tập và làm theo Bác, một nhiệm vụ trọng tâm, một vấn đề bức xúc).
- **Sinh hoạt đột xuất:** khi có yêu cầu, nhiệm vụ quan trọng phát sinh.

### Quy trình sinh hoạt thường kỳ

1. **Chuẩn bị:** chi ủy (bí thư) họp trước, thống nhất nội dung, dự thảo nghị quyết, thông báo thời gian, địa điểm.
2. **Khai mạc:** chào cờ (nếu có), tuyên bố lý do, giới thiệu chủ trì, thư ký; thông báo số đảng viên có mặt, vắng mặt và lý do.
3. **Thông tin:** thời sự, chủ trương, nghị quyết, chỉ thị mới của cấp trên.
4. **Đánh giá:** kết quả thực hiện nghị quyết tháng trước, ưu điểm, hạn chế, nguyên nhân.
5. **Phương hướng:** nhiệm vụ, giải pháp tháng tới và phân công đảng viên.
6. **Thảo luận, biểu quyết:** đảng viên phát biểu; chi bộ biểu quyết thông qua nghị quyết; bế mạc.

### Nâng cao chất lượng

- Nội dung thiết thực, sát tình hình đơn vị, tránh hình thức, đơn điệu, “đọc - chép”.
- Phát huy dân chủ, tự phê bình và phê bình; khuyến khích đảng viên phát biểu.
- Nghị quyết ngắn gọn, rõ việc, rõ người, rõ thời hạn; kiểm tra việc thực hiện ở kỳ sau.
- Bảo đảm tính lãnh đạo, tính giáo dục, tính chiến đấu; cấp ủy cấp trên dự, hướng dẫn và đánh giá chất lượng sinh hoạt.
`,
  },
  {
    title: 'Công tác quản lý đảng viên',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được nội dung quản lý đảng viên của chi bộ',
      'Thực hiện đúng các thủ tục về hồ sơ, sinh hoạt đảng, đảng phí',
    ],
    content: `## Công tác quản lý đảng viên

Quản lý đảng viên là trách nhiệm trực tiếp của chi bộ, nhằm nắm chắc số lượng, chất lượng, tư tưởng, phẩm chất và việc thực hiện nhiệm vụ của từng đảng viên, kịp thời giáo dục, giúp đỡ và xử lý vi phạm.

### Nội dung quản lý

- **Quản lý về tư tưởng, chính trị, đạo đức, lối sống:** qua sinh hoạt chi bộ, kết quả công tác, nhận xét của nơi cư trú và quần chúng.
- **Quản lý việc thực hiện nhiệm vụ được giao:** phân công công tác cho từng đảng viên phù hợp khả năng, theo dõi và đánh giá kết quả.
- **Quản lý hồ sơ đảng viên:** hồ sơ được lưu giữ, bổ sung đúng quy định, bảo đảm bí mật; thực hiện việc bổ sung lý lịch đảng viên khi có thay đổi.
- **Quản lý sinh hoạt đảng:** theo dõi việc tham gia sinh hoạt; thực hiện thủ tục chuyển sinh hoạt đảng chính thức hoặc tạm thời đúng quy định.
- **Đảng phí:** thu, nộp đảng phí đầy đủ, đúng mức, đúng thời hạn, có sổ theo dõi.

### Mối liên hệ với nơi cư trú

Đảng viên đang công tác phải giữ mối liên hệ với chi ủy và nhân dân nơi cư trú; hằng năm chi ủy nơi cư trú nhận xét đảng viên để chi bộ nơi công tác làm căn cứ đánh giá, xếp loại.

### Xử lý các trường hợp

Theo Điều lệ Đảng, đảng viên bỏ sinh hoạt đảng hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng; đảng viên giảm sút ý chí phấn đấu, không làm nhiệm vụ đảng viên, đã được chi bộ giáo dục nhưng không tiến bộ thì chi bộ xem xét, đề nghị cấp có thẩm quyền xóa tên trong danh sách đảng viên.

### Lưu ý đối với bí thư chi bộ

Lập sổ theo dõi đảng viên; cập nhật kịp thời biến động (chuyển đến, chuyển đi, từ trần, kết nạp, công nhận chính thức); phối hợp với văn phòng đảng ủy cơ sở để dữ liệu đảng viên luôn chính xác.
`,
  },
  {
    title: 'Công tác phát triển đảng viên',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được quy trình, thủ tục kết nạp đảng viên',
      'Biết cách tạo nguồn, bồi dưỡng quần chúng ưu tú và xét công nhận đảng viên chính thức',
    ],
    content: `## Công tác phát triển đảng viên

Phát triển đảng viên là nhiệm vụ thường xuyên, quan trọng của chi bộ nhằm bổ sung lực lượng cho Đảng. Yêu cầu là coi trọng chất lượng, không chạy theo số lượng; đúng tiêu chuẩn, đúng quy trình.

### Tạo nguồn và bồi dưỡng

- Phát hiện quần chúng ưu tú qua phong trào thi đua, hoạt động của Đoàn, Hội và các đoàn thể.
- Phân công đảng viên chính thức giúp đỡ quần chúng phấn đấu.
- Cử quần chúng học lớp bồi dưỡng nhận thức về Đảng tại trung tâm chính trị.

### Quy trình kết nạp

1. Quần chúng viết đơn xin vào Đảng, tự khai lý lịch.
2. Chi bộ đề nghị cấp có thẩm quyền thẩm tra, xác minh lý lịch.
3. Hai đảng viên chính thức giới thiệu (hoặc ban chấp hành đoàn cơ sở và một đảng viên chính thức đối với đoàn viên); người giới thiệu phải cùng công tác với người vào Đảng ít nhất một năm.
4. Lấy ý kiến nhận xét của tổ chức đoàn thể nơi làm việc và chi ủy nơi cư trú.
5. Chi bộ xét và đề nghị kết nạp từng người một, khi được từ hai phần ba số đảng viên chính thức trở lên đồng ý.
6. Cấp ủy cơ sở xét, đề nghị; cấp ủy có thẩm quyền quyết định kết nạp.
7. Chi bộ tổ chức lễ kết nạp trang nghiêm, đúng nghi thức.

### Giúp đỡ đảng viên dự bị và công nhận chính thức

Chi bộ phân công đảng viên chính thức giúp đỡ đảng viên dự bị; cử đảng viên dự bị học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới. Hết 12 tháng dự bị, đảng viên dự bị làm bản tự kiểm điểm; chi bộ lấy ý kiến nhận xét, xét và đề nghị cấp có thẩm quyền công nhận đảng viên chính thức. Trường hợp không đủ tư cách, chi bộ đề nghị cấp có thẩm quyền xóa tên.

### Những sai sót thường gặp

Hồ sơ thiếu chữ ký, ngày tháng; lý lịch khai không thống nhất; xét công nhận chính thức chậm so với thời hạn; đảng viên dự bị chưa có giấy chứng nhận học lớp đảng viên mới.
`,
  },
  {
    title: 'Công tác kiểm tra, giám sát và thi hành kỷ luật đảng của chi bộ',
    periods: 4,
    mandatory: true,
    objectives: [
      'Nắm được nhiệm vụ kiểm tra, giám sát của chi bộ',
      'Biết thẩm quyền và quy trình thi hành kỷ luật đảng viên tại chi bộ',
    ],
    content: `## Công tác kiểm tra, giám sát và thi hành kỷ luật đảng của chi bộ

Kiểm tra, giám sát là những chức năng lãnh đạo của Đảng, là bộ phận quan trọng của toàn bộ công tác xây dựng Đảng. Chi bộ tiến hành kiểm tra, giám sát đảng viên trong chi bộ chấp hành Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị của Đảng và pháp luật của Nhà nước.

### Nội dung kiểm tra, giám sát của chi bộ

- Việc thực hiện nhiệm vụ đảng viên, nhiệm vụ được chi bộ phân công.
- Việc giữ gìn phẩm chất chính trị, đạo đức, lối sống; thực hiện những điều đảng viên không được làm.
- Việc chấp hành chế độ sinh hoạt đảng, đóng đảng phí, giữ mối liên hệ với nơi cư trú.

### Phương pháp

- Xây dựng chương trình kiểm tra, giám sát hằng năm, chọn nội dung, đối tượng trọng tâm.
- Giám sát thường xuyên qua sinh hoạt chi bộ, qua theo dõi công tác và phản ánh của quần chúng; giám sát chuyên đề theo kế hoạch.
- Phân công chi ủy viên hoặc đảng viên có kinh nghiệm thực hiện; kết luận rõ ràng, có theo dõi khắc phục.

### Thi hành kỷ luật

Hình thức kỷ luật đối với đảng viên chính thức gồm khiển trách, cảnh cáo, cách chức, khai trừ; đối với đảng viên dự bị gồm khiển trách, cảnh cáo. Theo Điều lệ Đảng, chi bộ quyết định khiển trách, cảnh cáo đảng viên trong chi bộ đối với một số vi phạm thuộc thẩm quyền; các hình thức cao hơn hoặc đối tượng do cấp trên quản lý thì chi bộ đề nghị cấp có thẩm quyền xem xét, quyết định.

### Quy trình xem xét kỷ luật tại chi bộ

1. Đảng viên vi phạm làm bản tự kiểm điểm, tự nhận hình thức kỷ luật.
2. Chi bộ họp, nghe đảng viên trình bày, thảo luận, phân tích nội dung, tính chất, nguyên nhân vi phạm.
3. Chi bộ bỏ phiếu kín quyết định hoặc đề nghị hình thức kỷ luật.
4. Báo cáo cấp ủy cấp trên; công bố quyết định; lưu hồ sơ.

Nguyên tắc: công minh, chính xác, kịp thời; đảng viên có quyền trình bày ý kiến và khiếu nại theo quy định.
`,
  },
  {
    title: 'Công tác văn phòng cấp ủy: hồ sơ, sổ sách, biên bản và nghị quyết chi bộ',
    periods: 3,
    mandatory: true,
    objectives: [
      'Lập và quản lý được các loại sổ sách, hồ sơ của chi bộ',
      'Ghi biên bản và soạn thảo nghị quyết chi bộ đúng thể thức',
    ],
    content: `## Công tác văn phòng cấp ủy: hồ sơ, sổ sách, biên bản và nghị quyết chi bộ

Công tác văn phòng giúp chi bộ lãnh đạo có nền nếp, lưu giữ đầy đủ căn cứ cho việc kiểm tra, đánh giá và là tư liệu lịch sử của tổ chức đảng. Văn bản của chi bộ phải đúng thể thức văn bản của Đảng theo hướng dẫn của Văn phòng Trung ương Đảng.

### Sổ sách, hồ sơ của chi bộ

- Sổ ghi biên bản sinh hoạt chi bộ (thường kỳ, chuyên đề).
- Sổ theo dõi đảng viên; sổ thu, nộp đảng phí.
- Hồ sơ phát triển đảng viên, hồ sơ công nhận đảng viên chính thức.
- Văn bản của cấp trên gửi đến, văn bản chi bộ ban hành (nghị quyết, báo cáo, kế hoạch).
- Hồ sơ kiểm tra, giám sát; hồ sơ đánh giá, xếp loại hằng năm.

### Biên bản sinh hoạt chi bộ

Biên bản ghi rõ: thời gian, địa điểm; người chủ trì, thư ký; tổng số đảng viên, số có mặt, số vắng mặt và lý do; khách mời; nội dung báo cáo; ý kiến phát biểu của từng đảng viên; kết luận của chủ trì; kết quả biểu quyết. Biên bản được thông qua trước khi kết thúc buổi sinh hoạt, có chữ ký của chủ trì và thư ký.

### Nghị quyết chi bộ

- Phần đánh giá ngắn gọn: kết quả, hạn chế, nguyên nhân.
- Phần nhiệm vụ, giải pháp cụ thể: rõ việc, rõ người phụ trách, rõ thời hạn hoàn thành.
- Được chi bộ thảo luận, biểu quyết thông qua; gửi cấp ủy cấp trên theo quy định.

### Bảo quản tài liệu

Sổ sách, tài liệu của chi bộ được quản lý chặt chẽ, bảo đảm bí mật, không để thất lạc; khi thay đổi bí thư chi bộ phải bàn giao bằng biên bản; tài liệu hết thời hạn sử dụng được nộp lưu theo quy định.
`,
  },
  {
    title: 'Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm',
    periods: 3,
    mandatory: true,
    objectives: [
      'Nắm được các mức xếp loại chất lượng đảng viên và tổ chức đảng',
      'Tổ chức được hội nghị kiểm điểm, đánh giá, xếp loại ở chi bộ',
    ],
    content: `## Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm

Kiểm điểm, đánh giá, xếp loại chất lượng hằng năm giúp tổ chức đảng và đảng viên nhìn nhận ưu điểm, khuyết điểm, đề ra biện pháp khắc phục; là căn cứ cho công tác khen thưởng, quy hoạch, bố trí cán bộ. Việc đánh giá thực hiện theo quy định của Bộ Chính trị và hướng dẫn hằng năm của Ban Tổ chức Trung ương.

### Các mức xếp loại

Đảng viên và tổ chức đảng được xếp vào một trong bốn mức:

1. Hoàn thành xuất sắc nhiệm vụ.
2. Hoàn thành tốt nhiệm vụ.
3. Hoàn thành nhiệm vụ.
4. Không hoàn thành nhiệm vụ.

Tỷ lệ xếp loại ở mức cao nhất bị giới hạn theo quy định, nhằm bảo đảm đánh giá thực chất.

### Nội dung đánh giá đảng viên

- Phẩm chất chính trị, đạo đức, lối sống; ý thức tổ chức kỷ luật.
- Kết quả thực hiện chức trách, nhiệm vụ được giao, có sản phẩm cụ thể.
- Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm.
- Nhận xét của chi ủy nơi cư trú.

### Quy trình tại chi bộ

1. Đảng viên làm bản tự kiểm điểm, tự nhận mức xếp loại.
2. Chi bộ họp, đảng viên trình bày; các đảng viên góp ý.
3. Chi bộ biểu quyết đề xuất mức xếp loại cho từng đảng viên.
4. Chi bộ tự kiểm điểm tập thể, đề xuất mức xếp loại chi bộ.
5. Báo cáo đảng ủy cơ sở xem xét, quyết định; công khai kết quả.

Sau đánh giá, chi bộ xây dựng kế hoạch khắc phục hạn chế, khuyết điểm và theo dõi việc thực hiện.
`,
  },
  {
    title: 'Thực hành, thảo luận: tổ chức một buổi sinh hoạt chi bộ mẫu',
    periods: 4,
    mandatory: true,
    objectives: [
      'Vận dụng quy trình sinh hoạt chi bộ vào tình huống thực tế',
      'Rèn kỹ năng chủ trì, ghi biên bản và soạn thảo nghị quyết chi bộ',
    ],
    content: `## Thực hành, thảo luận: tổ chức một buổi sinh hoạt chi bộ mẫu

Buổi thực hành giúp học viên vận dụng kiến thức đã học để chuẩn bị và điều hành một buổi sinh hoạt chi bộ, đồng thời trao đổi kinh nghiệm giải quyết các tình huống thường gặp ở cơ sở.

### Cách tổ chức

- Lớp chia thành các nhóm, mỗi nhóm đóng vai một chi bộ (chi bộ thôn, tổ dân phố, cơ quan hoặc trường học).
- Phân vai: bí thư chủ trì, thư ký, các đảng viên, đại diện cấp ủy cấp trên dự.
- Mỗi nhóm chuẩn bị dự thảo báo cáo, dự thảo nghị quyết và tiến hành buổi sinh hoạt trong khoảng 45 phút.
- Các nhóm khác quan sát, nhận xét theo phiếu đánh giá; giảng viên kết luận.

### Tình huống gợi ý để thảo luận

- Đảng viên thường xuyên vắng sinh hoạt với lý do bận công việc.
- Chi bộ nhiều năm không kết nạp được đảng viên mới.
- Buổi sinh hoạt đơn điệu, đảng viên ít phát biểu.
- Quần chúng phản ánh đảng viên có biểu hiện vi phạm đạo đức, lối sống.
- Nghị quyết chi bộ nêu chung chung, khó kiểm tra việc thực hiện.

### Sản phẩm

Mỗi học viên hoàn thành một biên bản sinh hoạt chi bộ và một dự thảo nghị quyết tháng, hoặc một bài viết đề xuất giải pháp nâng cao chất lượng sinh hoạt chi bộ nơi mình công tác. Sản phẩm là căn cứ đánh giá kết quả học tập cuối khóa.
`,
  },
];

const BTCB_QUESTIONS: QuestionDraft[] = [
  single(
    1,
    ['sinh-hoat-chi-bo'],
    'Theo Điều lệ Đảng, chi bộ sinh hoạt thường kỳ như thế nào?',
    ['Mỗi tuần một lần', 'Mỗi tháng một lần', 'Mỗi quý một lần', 'Mỗi năm hai lần'],
    'B',
  ),
  single(
    1,
    ['sinh-hoat-chi-bo'],
    'Chỉ thị 10-CT/TW của Ban Bí thư (khóa X) là về nội dung gì?',
    [
      'Nâng cao chất lượng sinh hoạt chi bộ',
      'Công tác phát triển đảng viên',
      'Đánh giá, xếp loại chất lượng tổ chức đảng',
      'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    ],
    'A',
  ),
  single(
    0,
    ['to-chuc-chi-bo'],
    'Theo Điều lệ Đảng, chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?',
    ['Ba', 'Năm', 'Bảy', 'Chín'],
    'D',
  ),
  multiple(
    4,
    ['ky-luat-dang'],
    'Theo Điều lệ Đảng, hình thức kỷ luật đối với đảng viên dự bị gồm:',
    ['Khiển trách', 'Cảnh cáo', 'Cách chức', 'Khai trừ'],
    ['A', 'B'],
  ),
  trueFalse(
    2,
    ['quan-ly-dang-vien'],
    'Đảng viên bỏ sinh hoạt đảng hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng thì chi bộ xem xét, đề nghị cấp có thẩm quyền xóa tên.',
    true,
  ),
  single(
    6,
    ['danh-gia-xep-loai'],
    'Mức nào dưới đây KHÔNG thuộc các mức xếp loại chất lượng đảng viên hằng năm?',
    ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành khá nhiệm vụ', 'Không hoàn thành nhiệm vụ'],
    'C',
  ),
  shortAnswer(
    3,
    ['phat-trien-dang-vien'],
    'Người giới thiệu người vào Đảng phải là đảng viên chính thức và cùng công tác với người vào Đảng ít nhất bao lâu?',
    ['1 năm', 'một năm', '12 tháng', 'mười hai tháng'],
  ),
];

// ---------------------------------------------------------------------------------------------
// 4. Chuyên đề năm 2026: khung bài dạy; nội dung thay bằng tài liệu chính thức ban hành hằng năm.
// ---------------------------------------------------------------------------------------------

const CD2026_LESSONS: ReferenceLesson[] = [
  {
    title: 'Giới thiệu chuyên đề năm 2026 và những giá trị cốt lõi của tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    periods: 2,
    mandatory: true,
    objectives: [
      'Nắm được mục đích, yêu cầu và nội dung chính của chuyên đề năm',
      'Ôn lại những giá trị cốt lõi của tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    ],
    content: `## Giới thiệu chuyên đề năm 2026 và những giá trị cốt lõi của tư tưởng, đạo đức, phong cách Hồ Chí Minh

> Đây là khung bài dạy tham khảo. Trung tâm chính trị thay phần nội dung chi tiết bằng tài liệu chuyên đề chính thức do Ban Tuyên giáo và Dân vận Trung ương ban hành cho năm 2026 và hướng dẫn của cấp ủy địa phương.

Thực hiện Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Kết luận 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05, hằng năm cán bộ, đảng viên và nhân dân học tập một chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chính trị trọng tâm của năm.

### Mục đích, yêu cầu

- Nâng cao nhận thức về giá trị to lớn của tư tưởng, đạo đức, phong cách Hồ Chí Minh.
- Gắn việc học tập với giải quyết những vấn đề cấp bách, bức xúc ở cơ quan, đơn vị, địa phương.
- Học đi đôi với làm, có sản phẩm cụ thể, tránh hình thức.

### Những giá trị cốt lõi cần ôn lại

- **Tư tưởng:** độc lập dân tộc gắn liền với chủ nghĩa xã hội; đại đoàn kết toàn dân tộc; Nhà nước của dân, do dân, vì dân; xây dựng Đảng trong sạch, vững mạnh.
- **Đạo đức:** trung với nước, hiếu với dân; cần, kiệm, liêm, chính, chí công vô tư; thương yêu con người; tinh thần quốc tế trong sáng.
- **Phong cách:** tư duy độc lập, sáng tạo; làm việc dân chủ, khoa học, sâu sát thực tế; diễn đạt giản dị, dễ hiểu; sống giản dị, khiêm tốn.

### Tổ chức học tập

Chuyên đề thường được quán triệt tại hội nghị trực tiếp kết hợp trực tuyến tới nhiều điểm cầu; báo cáo viên trình bày nội dung chính, các điểm cầu theo dõi, ghi nhận số người tham dự và gửi ý kiến trao đổi.
`,
  },
  {
    title: 'Liên hệ, vận dụng vào thực tiễn cơ quan, đơn vị, địa phương',
    periods: 2,
    mandatory: true,
    objectives: [
      'Liên hệ nội dung chuyên đề với tình hình thực tế nơi công tác, cư trú',
      'Chỉ ra được những việc cần làm ngay của tập thể và cá nhân',
    ],
    content: `## Liên hệ, vận dụng vào thực tiễn cơ quan, đơn vị, địa phương

> Nội dung liên hệ được cấp ủy từng nơi cụ thể hóa theo tài liệu chuyên đề chính thức của năm 2026.

Giá trị của việc học tập chuyên đề thể hiện ở chỗ mỗi tập thể, mỗi cá nhân xác định được mình cần làm gì và làm như thế nào. Phần liên hệ cần bám sát nhiệm vụ chính trị của năm, những việc còn hạn chế và những kiến nghị chính đáng của nhân dân.

### Gợi ý nội dung liên hệ

- **Đối với tập thể:** việc thực hiện chức trách, nhiệm vụ; tinh thần phục vụ nhân dân; thực hành tiết kiệm, chống lãng phí; cải cách hành chính, chuyển đổi số; đoàn kết nội bộ.
- **Đối với người đứng đầu:** trách nhiệm nêu gương; phong cách làm việc sâu sát, dân chủ; giải quyết dứt điểm những việc tồn đọng.
- **Đối với cán bộ, đảng viên:** tinh thần, thái độ làm việc; đạo đức, lối sống; trách nhiệm với gia đình và cộng đồng nơi cư trú.

### Phương pháp

1. Chi bộ tổ chức sinh hoạt chuyên đề sau hội nghị quán triệt.
2. Mỗi đảng viên chuẩn bị ý kiến liên hệ, nêu ít nhất một việc làm cụ thể.
3. Chi bộ thảo luận, chọn những vấn đề trọng tâm để đưa vào nghị quyết và kế hoạch năm.

### Nhân rộng điển hình

Phát hiện, biểu dương những tập thể, cá nhân tiêu biểu trong học tập và làm theo Bác; giới thiệu “người tốt, việc tốt” trên các phương tiện thông tin của cơ quan, địa phương để lan tỏa trong cộng đồng.
`,
  },
  {
    title: 'Xây dựng kế hoạch làm theo và đăng ký nêu gương',
    periods: 1,
    mandatory: true,
    objectives: [
      'Xây dựng được kế hoạch làm theo của cá nhân cho năm 2026',
      'Biết cách theo dõi, đánh giá việc thực hiện cam kết',
    ],
    content: `## Xây dựng kế hoạch làm theo và đăng ký nêu gương

Kết thúc hội nghị, mỗi cán bộ, đảng viên xây dựng kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của cá nhân trong năm 2026, gắn với bản cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm.

### Yêu cầu của bản kế hoạch

- Ngắn gọn, cụ thể, khả thi; gắn với chức trách, nhiệm vụ được giao.
- Nêu rõ việc làm, thời gian thực hiện, kết quả dự kiến có thể kiểm chứng.
- Có ít nhất một nội dung khắc phục hạn chế đã được chỉ ra trong kiểm điểm năm trước.

### Ví dụ việc làm cụ thể

- Giải quyết hồ sơ, thủ tục đúng hạn, không để người dân đi lại nhiều lần.
- Tham gia một công trình, phần việc vì cộng đồng ở nơi cư trú.
- Thực hành tiết kiệm trong sử dụng điện, nước, văn phòng phẩm.
- Đọc và chia sẻ một tác phẩm, bài viết của Chủ tịch Hồ Chí Minh mỗi quý.

### Theo dõi, đánh giá

Chi bộ lưu kế hoạch của đảng viên, kiểm tra việc thực hiện trong sinh hoạt chi bộ hằng quý; kết quả thực hiện là một căn cứ để kiểm điểm, đánh giá, xếp loại chất lượng đảng viên cuối năm.
`,
  },
];

const CD2026_QUESTIONS: QuestionDraft[] = [
  single(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Văn bản nào của Bộ Chính trị khóa XII về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh?',
    ['Chỉ thị 05-CT/TW (2016)', 'Chỉ thị 10-CT/TW (2007)', 'Nghị quyết 35-NQ/TW (2018)', 'Nghị quyết 29-NQ/TW (2013)'],
    'A',
  ),
  multiple(
    0,
    ['tu-tuong-ho-chi-minh', 'dao-duc'],
    'Những chuẩn mực nào dưới đây thuộc đạo đức Hồ Chí Minh?',
    [
      'Trung với nước, hiếu với dân',
      'Cần, kiệm, liêm, chính, chí công vô tư',
      'Thương yêu con người',
      'Đặt lợi ích cá nhân lên trên hết',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(
    2,
    ['lam-theo'],
    'Kết quả thực hiện kế hoạch học tập và làm theo Bác là một căn cứ để đánh giá, xếp loại chất lượng đảng viên cuối năm.',
    true,
  ),
  single(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Kết luận nào của Bộ Chính trị (ngày 18/5/2021) về tiếp tục thực hiện Chỉ thị 05-CT/TW?',
    ['Kết luận 01-KL/TW', 'Kết luận 21-KL/TW', 'Kết luận 14-KL/TW', 'Kết luận 35-KL/TW'],
    'A',
  ),
  single(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Theo Chỉ thị 05-CT/TW, việc học tập chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh được tổ chức định kỳ như thế nào?',
    ['Hằng năm', 'Năm năm một lần', 'Theo nhiệm kỳ đại hội', 'Khi có yêu cầu của cấp trên'],
    'A',
  ),
  single(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Nội dung nào là giá trị cốt lõi trong tư tưởng Hồ Chí Minh về con đường cách mạng Việt Nam?',
    [
      'Độc lập dân tộc gắn liền với chủ nghĩa xã hội',
      'Ưu tiên tăng trưởng kinh tế trước, giải quyết xã hội sau',
      'Phát triển theo con đường tư bản chủ nghĩa',
      'Đặt lợi ích cục bộ lên trên lợi ích chung',
    ],
    'A',
  ),
  single(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Theo tư tưởng Hồ Chí Minh, Nhà nước ta là Nhà nước như thế nào?',
    ['Của dân, do dân, vì dân', 'Của giai cấp công nhân riêng', 'Của đội ngũ cán bộ, công chức', 'Của các nhà quản lý'],
    'A',
  ),
  multiple(
    0,
    ['phong-cach'],
    'Những biểu hiện nào thuộc phong cách Hồ Chí Minh?',
    [
      'Tư duy độc lập, sáng tạo',
      'Làm việc dân chủ, khoa học, sâu sát thực tế',
      'Diễn đạt giản dị, dễ hiểu',
      'Phô trương, hình thức',
    ],
    ['A', 'B', 'C'],
  ),
  multiple(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Những nội dung nào thuộc mục đích, yêu cầu của việc học tập chuyên đề năm?',
    [
      'Nâng cao nhận thức về giá trị của tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      'Gắn việc học tập với giải quyết những vấn đề cấp bách, bức xúc ở địa phương',
      'Học đi đôi với làm, có sản phẩm cụ thể',
      'Tổ chức cho đủ hình thức, không cần kết quả',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(
    0,
    ['tu-tuong-ho-chi-minh'],
    'Chuyên đề năm có thể được quán triệt tại hội nghị trực tiếp kết hợp trực tuyến tới nhiều điểm cầu.',
    true,
  ),
  trueFalse(0, ['dao-duc'], '"Tinh thần quốc tế trong sáng" là một chuẩn mực đạo đức Hồ Chí Minh.', true),
  shortAnswer(
    0,
    ['dao-duc'],
    'Điền từ còn thiếu trong chuẩn mực đạo đức Hồ Chí Minh: "Cần, kiệm, liêm, chính, chí công ..."',
    ['vô tư'],
  ),
  single(
    1,
    ['lien-he'],
    'Sau hội nghị quán triệt chuyên đề, chi bộ cần làm gì trước tiên?',
    [
      'Tổ chức sinh hoạt chuyên đề để đảng viên liên hệ',
      'Lưu tài liệu, không thảo luận thêm',
      'Chờ hướng dẫn của năm sau',
      'Giao cho một đảng viên tự nghiên cứu',
    ],
    'A',
  ),
  multiple(
    1,
    ['lien-he', 'nguoi-dung-dau'],
    'Khi liên hệ, người đứng đầu cơ quan, đơn vị cần tập trung vào những nội dung nào?',
    [
      'Trách nhiệm nêu gương',
      'Phong cách làm việc sâu sát, dân chủ',
      'Giải quyết dứt điểm những việc tồn đọng',
      'Né tránh những việc khó, nhạy cảm',
    ],
    ['A', 'B', 'C'],
  ),
  trueFalse(1, ['lien-he'], 'Khi liên hệ, mỗi đảng viên cần nêu ít nhất một việc làm cụ thể của bản thân.', true),
  trueFalse(
    1,
    ['lien-he'],
    'Phần liên hệ chuyên đề chỉ cần nêu ưu điểm, không cần chỉ ra những việc còn hạn chế.',
    false,
  ),
  shortAnswer(
    1,
    ['dien-hinh'],
    'Phong trào biểu dương những tập thể, cá nhân tiêu biểu được giới thiệu trên các phương tiện thông tin thường mang tên gì? ("Người tốt, ...")',
    ['việc tốt', 'người tốt, việc tốt', 'người tốt việc tốt'],
  ),
  single(
    2,
    ['lam-theo'],
    'Kế hoạch làm theo của cá nhân được gắn với văn bản nào của đảng viên?',
    ['Bản cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm', 'Sơ yếu lý lịch', 'Phiếu đảng viên', 'Đơn xin vào Đảng'],
    'A',
  ),
  multiple(
    2,
    ['lam-theo'],
    'Bản kế hoạch làm theo của cá nhân cần đáp ứng những yêu cầu nào?',
    [
      'Ngắn gọn, cụ thể, khả thi, gắn với chức trách, nhiệm vụ',
      'Nêu rõ việc làm, thời gian và kết quả dự kiến có thể kiểm chứng',
      'Có ít nhất một nội dung khắc phục hạn chế đã chỉ ra năm trước',
      'Chép nguyên văn kế hoạch của người khác',
    ],
    ['A', 'B', 'C'],
  ),
  single(
    2,
    ['lam-theo'],
    'Chi bộ kiểm tra việc thực hiện kế hoạch làm theo của đảng viên trong sinh hoạt chi bộ với tần suất nào?',
    ['Hằng quý', 'Hằng tuần', 'Năm năm một lần', 'Chỉ khi có đơn thư phản ánh'],
    'A',
  ),
  trueFalse(
    2,
    ['lam-theo'],
    'Giải quyết hồ sơ, thủ tục đúng hạn, không để người dân đi lại nhiều lần là một ví dụ về việc làm cụ thể trong kế hoạch làm theo.',
    true,
  ),
  essay(
    1,
    ['lien-he'],
    'Liên hệ nội dung chuyên đề năm 2026 với thực tiễn nơi anh (chị) công tác hoặc cư trú và nêu ba việc làm cụ thể của bản thân.',
  ),
];

// ---------------------------------------------------------------------------------------------

export const REFERENCE_PROGRAMS: ReferenceProgram[] = [
  {
    code: 'NTVD',
    name: 'Nhận thức về Đảng',
    kind: 'party_awareness',
    description:
      'Chương trình bồi dưỡng nhận thức về Đảng dành cho quần chúng ưu tú phấn đấu vào Đảng (trình độ học vấn tối thiểu trung học cơ sở), thực hiện theo Hướng dẫn 61-HD/BTGTW ngày 16/6/2022 của Ban Tuyên giáo Trung ương. Kết quả học tập là một điều kiện để xét kết nạp vào Đảng.',
    course: {
      title: 'Bồi dưỡng nhận thức về Đảng',
      version: '2022',
      description:
        'Năm bài học (lịch sử Đảng, Cương lĩnh, Điều lệ Đảng, học tập và làm theo Bác, phấn đấu trở thành đảng viên) cùng thảo luận, tham quan thực tế hoặc chuyên đề mới, ôn tập và viết bài thu hoạch: 50 tiết, 10 buổi, 5 ngày, theo Hướng dẫn 61-HD/BTGTW ngày 16/6/2022. Đánh giá bằng bài thu hoạch hoặc bài kiểm tra cuối khóa, thang điểm 10.',
      lessons: NTVD_LESSONS,
      questions: NTVD_QUESTIONS,
    },
  },
  {
    code: 'LLCT-DVM',
    name: 'Lý luận chính trị dành cho đảng viên mới',
    kind: 'new_member',
    description:
      'Chương trình bồi dưỡng lý luận chính trị dành cho đảng viên mới (đảng viên dự bị). Giấy chứng nhận hoàn thành chương trình là căn cứ đầu tiên trong hồ sơ xét công nhận đảng viên chính thức sau 12 tháng dự bị.',
    course: {
      title: 'Bồi dưỡng lý luận chính trị dành cho đảng viên mới',
      version: '2021',
      description:
        'Mười chuyên đề của chương trình hiện hành (phiên bản năm 2013 gồm chín bài), mỗi chuyên đề 4 tiết, tổng cộng 40 tiết lên lớp; cùng với thảo luận và viết bài thu hoạch, lớp học kéo dài 5 ngày (có nơi đến 8 ngày). Đánh giá bằng bài thu hoạch, thang điểm 10.',
      lessons: DVM_LESSONS,
      questions: DVM_QUESTIONS,
    },
  },
  {
    code: 'NVCTD-BTCB',
    name: 'Nghiệp vụ công tác Đảng cho bí thư chi bộ và cấp ủy viên ở cơ sở',
    kind: 'branch_secretary',
    description:
      'Bồi dưỡng kỹ năng, nghiệp vụ công tác Đảng cho bí thư, phó bí thư chi bộ và cấp ủy viên ở cơ sở: tổ chức sinh hoạt chi bộ, quản lý và phát triển đảng viên, kiểm tra, giám sát, công tác văn phòng cấp ủy.',
    course: {
      title: 'Bồi dưỡng nghiệp vụ công tác Đảng cho bí thư chi bộ và cấp ủy viên ở cơ sở',
      version: '2024',
      description:
        'Tám bài, 30 tiết (3 ngày), kết hợp lý thuyết với thực hành tổ chức sinh hoạt chi bộ mẫu; căn cứ Điều lệ Đảng, các quy định thi hành Điều lệ và Chỉ thị 10-CT/TW ngày 30/3/2007 của Ban Bí thư về nâng cao chất lượng sinh hoạt chi bộ. Trung tâm có thể kéo dài đến 5 ngày tùy đối tượng.',
      lessons: BTCB_LESSONS,
      questions: BTCB_QUESTIONS,
    },
  },
  {
    code: 'CD-2026',
    name: 'Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026',
    kind: 'thematic',
    description:
      'Học tập chuyên đề hằng năm theo Chỉ thị 05-CT/TW của Bộ Chính trị, tổ chức dưới hình thức hội nghị trực tiếp kết hợp trực tuyến tới các điểm cầu; tham dự được tính theo từng điểm cầu và theo từng học viên đã ghi danh.',
    course: {
      title: 'Chuyên đề năm 2026',
      version: '2026',
      description:
        'Khung bài dạy một buổi (5 tiết) cho hội nghị học tập chuyên đề năm 2026. Hằng năm, nhà trường thay nội dung các bài bằng tài liệu chuyên đề chính thức do Ban Tuyên giáo và Dân vận Trung ương ban hành và hướng dẫn của cấp ủy địa phương.',
      lessons: CD2026_LESSONS,
      questions: CD2026_QUESTIONS,
    },
  },
];
