package cn.shouwang.server.casework.admin;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 办公电话: the office phones of village committees and township governments, which the public notice prints as
 * where to object. Written with its audit row in one transaction; a form read before someone else's save is refused
 * (version), as for the other 系统管理 records.
 */
@Service
public class AreaContacts {
    private final JdbcClient jdbc;
    private final AuditApi audit;

    AreaContacts(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record Contact(String areaCode, String officePhone, int version) {}

    Optional<Contact> find(String areaCode) {
        return jdbc.sql("select area_code, office_phone, version from area_contact where area_code = :a")
                .param("a", areaCode).query(Contact.class).optional();
    }

    public @Nullable String phone(String areaCode) {
        return find(areaCode).map(Contact::officePhone).orElse(null);
    }

    /** The phones of these areas, by area code; areas without one are absent. */
    java.util.Map<String, Contact> of(List<String> areaCodes) {
        java.util.Map<String, Contact> out = new java.util.HashMap<>();
        if (areaCodes.isEmpty()) return out;
        for (Contact c : jdbc.sql("select area_code, office_phone, version from area_contact where area_code in (:a)")
                .param("a", areaCodes).query(Contact.class).list()) {
            out.put(c.areaCode(), c);
        }
        return out;
    }

    /**
     * Sets the phone of one area. {@code version} is the one the form was read at, null when the area had no phone
     * then; anything else having happened meanwhile is a {@link ConcurrentEditException} and nothing is written.
     */
    @Transactional
    void save(CurrentUser by, String areaCode, CaseworkAdminCmd.OfficePhone cmd) {
        String phone = cmd.phone();
        Contact old = find(areaCode).orElse(null);
        int n;
        if (cmd.version() == null) {
            n = jdbc.sql("insert into area_contact (area_code, office_phone) values (:a, :p) on conflict do nothing")
                    .param("a", areaCode).param("p", phone).update();
        } else {
            n = jdbc.sql("""
                            update area_contact set office_phone = :p, version = version + 1
                            where area_code = :a and version = :v""")
                    .param("a", areaCode).param("p", phone).param("v", cmd.version()).update();
        }
        if (n == 0) throw new ConcurrentEditException();
        String before = cmd.version() == null || old == null ? null : old.officePhone();
        if (phone.equals(before)) return;
        audit.record(AuditAction.AREA_CONTACT_UPDATE, null, null, areaCode,
                List.of(new AuditApi.Change("officePhone", before, phone)), areaCode);
    }
}
