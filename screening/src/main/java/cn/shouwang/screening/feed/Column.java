package cn.shouwang.screening.feed;

import java.util.List;

/** A column of feeds.md with the header names accepted for it (English as in feeds.md, then Chinese). */
public enum Column {
    ID_NUMBER("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证件号码", "证件号"),
    NAME("姓名"),
    HOUSEHOLD_ID("户编号", "户号", "家庭编号"),
    AREA_CODE("区划代码", "行政区划代码", "村代码", "所在村代码", "村级区划代码"),
    HEAD_ID_NUMBER("户主身份证号", "户主身份证号码", "户主证件号码"),
    FORMERLY_POOR("是否脱贫户", "脱贫户"),
    RELATION("与户主关系", "关系"),
    LABOUR_CAPACITY("劳动能力", "劳动技能"),
    STATUS("状态", "人员状态", "就业状态", "学籍状态", "检测结果", "监测状态", "登记状态", "车辆状态", "经营状态", "权属状态"),
    YEAR("年度", "年份", "参保年度"),
    WAGES("工资性收入"),
    BUSINESS("经营性收入", "生产经营性收入"),
    PROPERTY("财产性收入"),
    TRANSFERS("转移性收入"),
    PRODUCTION_COSTS("生产经营性支出", "生产经营支出"),
    ELIGIBLE_OUT_OF_POCKET("合规自付支出", "合规自付"),
    CATEGORY("监测对象类别", "监测类别", "类别"),
    RISK_TYPES("风险类型", "风险类别"),
    IDENTIFIED_MONTH("识别月份", "纳入月份", "认定月份"),
    SETTLED_ON("结算日期", "结算时间"),
    TOTAL_COST("总费用", "医疗总费用", "费用总额"),
    INSURANCE_PAID("医保支付", "统筹支付", "基金支付", "医保报销"),
    OUT_OF_POCKET("自付金额", "个人自付", "自付费用", "个人自付金额"),
    DIAGNOSED_ON("确诊日期", "诊断日期"),
    DISEASE("疾病", "疾病名称", "病种"),
    APPRAISED_ON("鉴定日期", "评定日期"),
    GRADE("等级", "鉴定等级", "残疾等级", "危房等级"),
    STAGE("学段", "教育阶段", "就读阶段"),
    REPORTED_ON("报告日期", "上报日期"),
    SCHOOL_YEAR("学年"),
    KIND("类别", "种类", "残疾类别", "救助类别", "救助类型"),
    ISSUED_ON("发证日期", "颁发日期"),
    EVENT("事件", "事件类型"),
    EVENT_ON("事件日期", "发生日期", "登记日期"),
    OCCURRED_ON("发生日期", "事故日期", "受灾日期"),
    OUTCOME("后果", "结果"),
    SOURCE("来源", "信息来源"),
    DISASTER("灾害", "灾种", "灾害类型"),
    LOSS("损失", "损失金额", "经济损失"),
    MONTH("月份", "所属月份"),
    WAGE("工资", "月工资"),
    CHECKED_ON("检测日期", "检查日期"),
    NOTE("备注"),
    ENTERPRISE("企业", "企业名称", "经营主体", "合作社"),
    DUE("应付", "应付金额", "应分红", "应付分红"),
    PAID("实付", "实付金额", "已付", "实付分红"),
    STARTED_ON("开始日期", "起始日期", "救助开始日期"),
    AMOUNT("金额", "救助金额"),
    // asset files (docs/feeds-assets.md)
    PLATE_NUMBER("号牌号码", "车牌号", "车牌号码"),
    VEHICLE_TYPE("车辆类型", "车辆种类", "车型"),
    REGISTERED_ON("登记日期", "注册日期", "初次登记日期", "成立日期", "登簿日期"),
    VALUE("价值", "车辆价值", "购置价格", "成交价格", "评估价值", "房屋价值"),
    CERTIFICATE_NO("不动产权证号", "权证号", "证书号"),
    PROPERTY_TYPE("房屋类型", "不动产类型", "房屋性质", "用途"),
    ENTITY_NAME("主体名称", "企业名称", "字号名称"),
    ENTITY_TYPE("主体类型", "市场主体类型", "企业类型"),
    REGISTERED_CAPITAL("注册资本", "出资额", "资金数额", "注册资金");

    private final String english;
    private final List<String> chinese;

    Column(String... chinese) {
        this.english = name().toLowerCase(java.util.Locale.ROOT);
        this.chinese = List.of(chinese);
    }

    /** The header name of feeds.md, e.g. {@code out_of_pocket}. */
    public String english() { return english; }

    public List<String> chinese() { return chinese; }
}
