/// Chinese personal and place names for generated scenarios.
enum Names {
  /// Common surnames, most frequent first (weights roughly follow their frequency in Sichuan).
  static let surnames: [(String, Double)] = [
    ("王", 7), ("李", 7), ("张", 6), ("刘", 6), ("陈", 6), ("杨", 5), ("黄", 3.5), ("赵", 3),
    ("吴", 3), ("周", 3), ("徐", 2), ("孙", 2), ("马", 2), ("朱", 2), ("胡", 2), ("郭", 2),
    ("何", 2.5), ("高", 1.5), ("林", 1.5), ("罗", 2.5), ("郑", 1.5), ("梁", 1.2), ("谢", 1.5), ("宋", 1),
    ("唐", 1.5), ("许", 1), ("韩", 0.8), ("冯", 1), ("邓", 1.5), ("曹", 0.8), ("彭", 1), ("曾", 1.3),
    ("肖", 1), ("田", 0.8), ("董", 0.8), ("袁", 0.9), ("潘", 0.6), ("蒋", 0.9), ("蔡", 0.6), ("余", 0.9),
    ("杜", 0.7), ("叶", 0.6), ("程", 0.6), ("苏", 0.6), ("魏", 0.6), ("吕", 0.5), ("丁", 0.5), ("任", 0.7),
    ("沈", 0.5), ("姚", 0.5), ("卢", 0.5), ("姜", 0.5), ("崔", 0.4), ("钟", 0.5), ("谭", 0.6), ("陆", 0.4),
    ("范", 0.5), ("廖", 0.6), ("贾", 0.3), ("夏", 0.4), ("付", 0.5), ("方", 0.4), ("邹", 0.4), ("熊", 0.5),
    ("雷", 0.5), ("龙", 0.4), ("陶", 0.3), ("贺", 0.3), ("毛", 0.3), ("严", 0.3), ("向", 0.4), ("文", 0.4),
  ]
  static let maleChars = Array("建国明伟强军平华志勇杰涛斌波辉刚林峰磊超鹏宇浩凯俊文海东亮春成江川山兵德荣贵富红军洪涛飞翔鑫毅")
  static let femaleChars = Array("丽敏静艳芳娟霞燕玲红梅琳婷雪慧洁萍颖莉佳蓉英秀兰琴凤瑶倩欣悦晓月春华")
  /// Yi family names and given names (in Chinese transcription).
  static let yiFamily = ["吉克", "阿苦", "沙马", "吉木", "曲比", "阿尔", "海来", "马海", "俄木", "勒格"]
  static let yiGiven = ["拉哈", "尔布", "史体", "木呷", "阿果", "日哈", "石者", "伍沙", "阿依", "拉则"]
  /// Tibetan names are two two-character parts.
  static let tibetanFirst = ["扎西", "泽仁", "格桑", "降初", "次仁", "洛绒", "益西", "呷绒", "央金", "登珠"]
  static let tibetanSecond = ["拉姆", "卓玛", "多吉", "措姆", "尼玛", "旺姆", "平措", "彭措", "曲珍", "贡布"]

  /// Stems of township names (…镇, …乡, …街道).
  static let townStems = [
    "城关", "新店", "河口", "龙门", "石桥", "青龙", "白马", "金鸡", "太平", "永安", "双河", "三江", "马鞍",
    "高桥", "玉泉", "柏林", "桂花", "回龙", "清水", "黄土", "杨柳", "花桥", "观音", "宝山", "凤凰", "大坪",
    "兴隆", "长乐", "土门", "五里",
  ]
  /// County bureaus (县直部门) a county may have.
  static let countyBureaus = ["财政局", "教育局", "农业农村局", "自然资源局", "卫生健康局", "应急管理局", "发展和改革局", "交通运输局"]

  /// A Chinese name: family name plus one or two given-name characters; a
  /// Yi or Tibetan name for a cadre of that area who is of that minority.
  static func person(female: Bool, minority: CountySpec.Minority, rng: inout Xoshiro256) -> String {
    switch minority {
    case .yi:
      return rng.pick(yiFamily)! + rng.pick(yiGiven)!
    case .tibetan:
      return rng.pick(tibetanFirst)! + rng.pick(tibetanSecond)!
    case .none:
      let surname = surnames[rng.weightedIndex(surnames.map(\.1))!].0
      let chars = female ? femaleChars : maleChars
      var given = String(rng.pick(chars)!)
      if rng.chance(0.7) { given.append(rng.pick(chars)!) }
      return surname + given
    }
  }
}
