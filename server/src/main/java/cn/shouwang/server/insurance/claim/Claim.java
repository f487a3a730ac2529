package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.insurance.policy.CostType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A claim (赔案) as stored, with who took each step (username and the name shown). */
public record Claim(long id, long policyId, long householdId, String villageCode, long memberId, String personName,
                    CostType costType, int year, BigDecimal totalCost, BigDecimal reimbursed, BigDecimal outOfPocket,
                    String evidence, @Nullable Long warningId, ClaimStatus status,
                    String openedBy, String openedByName, OffsetDateTime openedAt,
                    @Nullable String investigatedBy, @Nullable String investigatedByName, @Nullable LocalDate investigatedOn,
                    @Nullable String investigation,
                    @Nullable String approvedBy, @Nullable String approvedByName, @Nullable OffsetDateTime approvedAt,
                    @Nullable BigDecimal payout, @Nullable String paidByName, @Nullable LocalDate paidOn,
                    @Nullable String rejectedByName, @Nullable OffsetDateTime rejectedAt, @Nullable String rejectReason,
                    int version) {

    /** The claim's number as people say it (赔案号), also the income credit's note. */
    public String number() {
        return year + "-" + id;
    }
}
