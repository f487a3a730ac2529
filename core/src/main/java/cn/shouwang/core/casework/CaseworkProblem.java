package cn.shouwang.core.casework;

/**
 * Why a casework command was refused. The {@link #name()} is the stable code (the server's message key is
 * {@code casework.problem.CODE}); Chinese and English texts are kept here for logs, exports and tests.
 */
public enum CaseworkProblem {
    STEP_NOT_ALLOWED("当前环节不能办理此操作", "This step is not allowed in the case's current state"),
    ROLE_NOT_ALLOWED("您的角色不能办理此环节", "Your role may not perform this step"),
    OUT_OF_AREA("该农户不在您的管辖范围内", "The household is outside your area"),
    MAKER_CHECKER("审核人或确认人不能是前序环节的经办人", "The person deciding must not have prepared an earlier step"),
    DATE_IN_FUTURE("日期不能晚于今天", "The date lies in the future"),
    DATE_BEFORE_PREVIOUS_STEP("日期不能早于上一环节", "The date lies before the previous step"),
    REASON_REQUIRED("请填写理由", "A reason is required"),
    CONSENT_REQUIRED("须有农户签字的授权承诺", "The household's signed consent is required"),
    HOUSEHOLD_SIZE("家庭人口数须大于0", "Household size must be at least 1"),
    MONEY_INVALID("金额须为不小于0的数,最多两位小数", "Amounts must be 0 or more with at most two decimals"),
    RISK_TYPES_COUNT("风险类型须为1至5项,不能重复", "Choose one to five distinct risk types"),
    RISK_TYPE_UNKNOWN("风险类型不在代码表中", "Unknown risk type"),
    RISK_TYPE_INACTIVE("该风险类型已停用,不能再选用", "This risk type has been deactivated and cannot be chosen"),
    CATEGORY_UNKNOWN("监测类别不在代码表中", "Unknown monitoring category"),
    CATEGORY_INACTIVE("该监测类别已停用,不能再选用", "This category has been deactivated and cannot be chosen"),
    CATEGORY_REQUIRED("请选择监测类别", "Choose a monitoring category"),
    CATEGORY_CLOSED("本地区新识别的农户不再使用该监测类别", "This category is not open for new identifications here"),
    NOTHING_CHANGED("监测类别和风险类型均未改变", "Neither the category nor the risk types changed"),
    DATE_BEFORE_IDENTIFICATION("日期不能早于识别日期", "The date lies before the identification"),
    DISASTER_SUBTYPE_REQUIRED("因自然灾害须选择灾害类型", "A natural disaster needs its sub-type"),
    PRESENT_COUNT("参会人数须大于0", "The number present must be at least 1"),
    NOTICE_TOO_SHORT("公示期不少于规定天数", "The public notice is shorter than the minimum"),
    NOTICE_NOT_ENDED("公示期未满,不能结束公示", "The public notice has not ended yet"),
    OBJECTIONS_INVALID("异议数不能为负,有异议时须写明情况", "Objections must be 0 or more and described when present"),
    FAST_TRACK_NEEDS_DISASTER("先行帮扶仅适用于因灾因意外的农户", "The fast track is only for disaster or accident"),
    ALREADY_FAST_TRACKED("已先行帮扶", "Already on the fast track"),
    ELIMINATION_CHECK_FAILED("风险消除条件未全部满足", "Not all conditions for risk elimination hold"),
    NOT_MONITORED("该户不是在监测的监测对象", "The household is not monitored"),
    MEASURE_TRANSITION("帮扶措施状态不能这样变更", "The measure cannot change to that state"),
    MEASURE_DATES("结束日期不能早于开始日期", "The end date lies before the start date"),
    HOUSEHOLD_NOT_MATCHED("请先关联档案中的农户(户编号),再入户核实", "Link the registry household before verifying"),
    INCOME_LINE_MISSING("未设置该年度的监测标准", "No monitoring income line is set for that year"),
    ELIMINATION_METHOD_REQUIRED("请选择风险消除方式", "Choose how the risk was eliminated"),
    PLAN_NEEDS_INCOME_MEASURE("有劳动能力的家庭须有产业、就业等增收措施,不能只有兜底保障",
            "A household that can work needs an income-generating measure, not only the assistance floor"),
    REQUIRED_FIELD("必填项未填写", "A required field is empty"),
    ASSETS_ABOVE_LIMIT("家庭资产超过本地认定限额,按本地设置不能确认认定", "Household assets are above the local limits: identification is refused by the local setting"),
    OFFICER_DATES("帮扶责任人的结束日期不能早于开始日期", "The officer's end date lies before the start date"),
    ASSISTANCE_NOT_STARTED("农户未纳入监测且未先行帮扶,不能制定帮扶措施", "Neither monitored nor on the fast track: no plan yet");

    private final String zh;
    private final String en;

    CaseworkProblem(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
