package cn.shouwang.core.casework;

/**
 * The four guarantee flags recorded on verification (policy.md §3): housing unsafe, a compulsory-school-age child
 * out of school, drinking water unsafe, a member without basic medical insurance. Secure when none is raised.
 */
public record GuaranteeFlags(boolean housingUnsafe, boolean childOutOfSchool, boolean waterUnsafe,
                             boolean memberUninsured) {
    public static final GuaranteeFlags SECURE = new GuaranteeFlags(false, false, false, false);

    public boolean secure() {
        return !housingUnsafe && !childOutOfSchool && !waterUnsafe && !memberUninsured;
    }
}
