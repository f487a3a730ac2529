package cn.shouwang.server.audit;

/**
 * Every action the audit log records; {@link AuditApi#record} takes nothing else. The column stays text, so rows
 * written before an action was renamed still show (by their stored name). Each action has a label in the audit
 * bundle ({@link #messageKey()}) in both languages, and the /audit page offers every one as a filter
 * (AuditLabelsTest).
 */
public enum AuditAction {
    // registry (household)
    HOUSEHOLD_CREATE, HOUSEHOLD_UPDATE, MEMBER_ADD, MEMBER_UPDATE, MEMBER_MOVE_OUT, MEMBER_MOVE_IN, MEMBER_DEATH,
    ID_NUMBER_VIEW, PHONE_VIEW, HEALTH_VIEW, ID_NUMBER_TAKEN_ATTEMPT, INCOME_ADD, INCOME_UPDATE,
    // a payment from a module beside the core added to a year's income (HouseholdIncomeApi, household V16)
    INCOME_CREDIT,
    // 脱贫户分类 (household.classes)
    HOUSEHOLD_CLASSIFY, HOUSEHOLD_CLASS_LIST_UPDATE,
    // household assets beside income (household V12)
    ASSET_ADD, ASSET_UPDATE, ASSET_DELETE,
    // registry import (household.imports): the import as a whole, and each household it created or changed
    REGISTRY_IMPORT, HOUSEHOLD_IMPORT,
    // any list exported to Excel
    EXPORT,
    // areas and demo data
    AREA_IMPORT, AREA_EDITION_CURRENT, AREA_EDITION_DELETE, DEMO_LOAD,
    // accounts (published by access as AccountChangedEvent)
    ACCOUNT_CREATE, ACCOUNT_UPDATE, ACCOUNT_PASSWORD_RESET, ACCOUNT_PASSWORD_CHANGE, ACCOUNT_UNLOCK, ACCOUNT_DISABLE,
    ACCOUNT_ENABLE, API_TOKEN_CREATE, API_TOKEN_REVOKE,
    // casework: leads (one LEAD_<step> per core CaseAction) and monitored households
    LEAD_OPEN, LEAD_AUTO_INTAKE, LEAD_JOIN, LEAD_MATCH, LEAD_VERIFY, LEAD_CROSS_CHECK, LEAD_VILLAGE_REVIEW,
    LEAD_PUBLISH_NOTICE, LEAD_CLOSE_NOTICE, LEAD_TOWNSHIP_APPROVE, LEAD_COUNTY_CONFIRM, LEAD_REJECT, LEAD_FAST_TRACK,
    ELIMINATION_OPEN, RISK_ELIMINATED, MONITORED_CONFIRM, MONITORED_NEW_REPORT, MONITORED_RECLASSIFY, OFFICER_ASSIGN,
    MEASURE_ADD, MEASURE_STATE, HOME_CHECK, RECHECK,
    // casework administration
    CASEWORK_CODE_ADD, CASEWORK_CODE_UPDATE, CASEWORK_CODE_DEACTIVATE, CASEWORK_CODE_REACTIVATE, INCOME_LINE_ADD,
    INCOME_LINE_UPDATE, CASEWORK_SETTINGS_UPDATE, AREA_CONTACT_UPDATE,
    // 名称与表述: the words of the deployment (casework.wording)
    CASEWORK_WORDS_UPDATE,
    // screening uploads
    UPLOAD, UPLOAD_PENDING, UPLOAD_REPLACE, UPLOAD_DISCARD, UPLOAD_EXPIRED,
    // triage of comparison warnings
    WARNING_DISMISS, WARNING_RESTORE, WARNING_ASSIGN,
    // villagearchive (一村一档): documents, the 九有六无 checklist and its items, the collective economy's income
    VILLAGE_DOCUMENT_UPLOAD, VILLAGE_DOCUMENT_DOWNLOAD, VILLAGE_DOCUMENT_DELETE, VILLAGE_CHECKLIST_UPDATE,
    VILLAGE_CHECK_ITEM_ADD, VILLAGE_CHECK_ITEM_UPDATE, VILLAGE_INCOME_UPDATE,
    // socialassistance: low-income layers, grants, payment lists, the civil-affairs list
    SOCIAL_LAYER_ADD, SOCIAL_LAYER_END, SOCIAL_GRANT_ADD, SOCIAL_GRANT_UPDATE, SOCIAL_PAYMENTS_DUE, SOCIAL_PAYMENT_PAID,
    SOCIAL_CIVIL_LIST_IMPORT, SOCIAL_BANK_LIST,
    // employment and credit (issue 19): public-welfare jobs, workshops, their wages, targets; loans and repayments
    JOB_CREATE, JOB_END, JOB_WAGE_PAY, WORKSHOP_CREATE, WORKSHOP_WORKER_ADD, WORKSHOP_WAGE_PAY, EMPLOYMENT_TARGET_SET,
    LOAN_CREATE, LOAN_REPAYMENT, CREDIT_TARGET_SET,
    // eldervisits and moralbank (issue 19 points 3 and 4): 巡访关爱 and 道德银行
    ELDER_CLASS_SAVE, ELDER_VISITOR_SAVE, ELDER_PERSON_ENROL, ELDER_PERSON_UPDATE, ELDER_VISIT,
    MORAL_CATEGORY_SAVE, MORAL_ITEM_SAVE, MORAL_GOODS_SAVE, MORAL_ENTRY_ADD, MORAL_ENTRY_REVERSE, MORAL_REDEEM,
    MORAL_SETTINGS_UPDATE,
    // insurance (防贫保, issue 18): policies, premium income, claims and their steps
    INSURANCE_POLICY_ADD, INSURANCE_POLICY_UPDATE, INSURANCE_PREMIUM_ADD, INSURANCE_CLAIM_OPEN,
    INSURANCE_CLAIM_INVESTIGATE, INSURANCE_CLAIM_APPROVE, INSURANCE_CLAIM_PAY, INSURANCE_CLAIM_REJECT,
    // projects (衔接资金项目, 帮扶资产, 分红; module projects)
    PROJECT_ADD, PROJECT_UPDATE, PROJECT_SPENDING, PROJECT_HOUSEHOLD_LINK, PROJECT_HOUSEHOLD_UNLINK, PROJECT_ASSET_ADD,
    PROJECT_ASSET_UPDATE, DIVIDEND_RECORD, DIVIDEND_PAY, DIVIDEND_PAYMENTS_EXPORT,
    // fieldwork (走访): visits, a visit's photo opened, the visit rhythm changed
    FIELD_VISIT_RECORD, FIELD_VISIT_PHOTO_VIEW, FIELD_RHYTHM_UPDATE,
    // fieldwork sweeps (拉网式摸排): opened, closed (by hand or the day after its end)
    FIELD_SWEEP_OPEN, FIELD_SWEEP_CLOSE,
    // fieldwork offline (issue 13.4): the phone's queue synced, an item answered as a conflict
    FIELD_OFFLINE_SYNC, FIELD_OFFLINE_CONFLICT,
    // sign-ins whose password was checked, with the account (or the name tried) and the client address (issue 15)
    SIGN_IN, SIGN_IN_FAILED,
    // fieldwork grids (网格, 十户一组; issue 13 point 1): grids and groups kept, households placed
    FIELD_GRID_CREATE, FIELD_GRID_UPDATE, FIELD_GRID_DELETE, FIELD_GROUP_CREATE, FIELD_GROUP_UPDATE, FIELD_GROUP_DELETE,
    FIELD_HOUSEHOLD_PLACE,
    // figures (统计调度, issue 14): a month-end snapshot taken (by the month-end job or an administrator)
    FIGURES_SNAPSHOT_TAKE;

    /** Message key of the action's label in the audit bundle, e.g. {@code audit.action.HOUSEHOLD_UPDATE}. */
    public String messageKey() {
        return "audit.action." + name();
    }
}
