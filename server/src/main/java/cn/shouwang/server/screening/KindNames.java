package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;

/** Chinese names of the department kinds for messages built in code (pages use the message bundle). */
final class KindNames {
    private KindNames() {}

    static String zh(FeedKind k) {
        return switch (k) {
            case MEDICAL_CLAIMS -> "医保结算";
            case MAJOR_DIAGNOSES -> "大病诊断";
            case INSURANCE_ENROLLMENT -> "参保登记";
            case HOUSING_APPRAISALS -> "住房鉴定";
            case SCHOOL_ENROLLMENT -> "学籍";
            case SCHOOL_COSTS -> "教育费用";
            case DISABILITY_CERTIFICATES -> "残疾证";
            case CIVIL_REGISTRY_EVENTS -> "户籍变动";
            case ACCIDENTS -> "意外事故";
            case DISASTER_LOSSES -> "灾害损失";
            case EMPLOYMENT_STATUS -> "就业状态";
            case WATER_SUPPLY -> "饮水安全";
            case ENTERPRISE_PAYMENTS -> "企业分红";
            case SOCIAL_ASSISTANCE -> "社会救助";
            default -> k.fileName();
        };
    }
}
