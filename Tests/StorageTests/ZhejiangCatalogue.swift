/// The region catalogue as it was before it became national: Zhejiang, Hangzhou and its
/// districts and counties, with 全省 and 全市 among the aliases. For the tests that re-seed an
/// older database.
enum ZhejiangCatalogue {
    static let yaml = """
        regions:
          - {code: "330000", name_zh: 浙江省, name_en: Zhejiang, level: province, aliases_zh: [浙江, 全省]}
          - {code: "330100", name_zh: 杭州市, name_en: Hangzhou, level: city, parent: "330000", aliases_zh: [杭州, 全市]}
          - {code: "330102", name_zh: 上城区, name_en: Shangcheng, level: district, parent: "330100", aliases_zh: [上城]}
          - {code: "330105", name_zh: 拱墅区, name_en: Gongshu, level: district, parent: "330100", aliases_zh: [拱墅]}
          - {code: "330106", name_zh: 西湖区, name_en: Xihu, level: district, parent: "330100", aliases_zh: [西湖]}
          - {code: "330108", name_zh: 滨江区, name_en: Binjiang, level: district, parent: "330100", aliases_zh: [滨江]}
          - {code: "330109", name_zh: 萧山区, name_en: Xiaoshan, level: district, parent: "330100", aliases_zh: [萧山]}
          - {code: "330110", name_zh: 余杭区, name_en: Yuhang, level: district, parent: "330100", aliases_zh: [余杭]}
          - {code: "330111", name_zh: 富阳区, name_en: Fuyang, level: district, parent: "330100", aliases_zh: [富阳]}
          - {code: "330112", name_zh: 临安区, name_en: Lin'an, level: district, parent: "330100", aliases_zh: [临安]}
          - {code: "330113", name_zh: 临平区, name_en: Linping, level: district, parent: "330100", aliases_zh: [临平]}
          - {code: "330114", name_zh: 钱塘区, name_en: Qiantang, level: district, parent: "330100", aliases_zh: [钱塘]}
          - {code: "330122", name_zh: 桐庐县, name_en: Tonglu, level: county, parent: "330100", aliases_zh: [桐庐]}
          - {code: "330127", name_zh: 淳安县, name_en: Chun'an, level: county, parent: "330100", aliases_zh: [淳安]}
          - {code: "330182", name_zh: 建德市, name_en: Jiande, level: county, parent: "330100", aliases_zh: [建德]}
        """
}
