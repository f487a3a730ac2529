package cn.shouwang.server.access;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An account's id by its user name, for demo data only: a demo step "taken" by a demo account must carry the id
 * that account acts under (maker-checker compares actor ids), so the demo can show the second analyst's turn.
 */
@Component
public class AccountIdsApi {
    private final Accounts accounts;

    AccountIdsApi(Accounts accounts) {
        this.accounts = accounts;
    }

    public Optional<Long> idOf(String username) {
        return accounts.findByUsername(username).map(Account::id);
    }
}
