package io.changeledger.query.jdbc;

import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** One page of a list and the size of the whole, from the same {@code from … where …} clause. */
public final class Paging {

    private Paging() {
    }

    /**
     * @param select  the select list, without {@code select}
     * @param from    {@code from …} with its joins and conditions
     * @param orderBy the order, without {@code order by}; it must be total, or pages overlap
     */
    public static <T> Page<T> page(JdbcClient jdbc, String select, String from, String orderBy, Params params,
                                   int page, int size, RowMapper<T> rows) {
        long total = jdbc.sql("select count(*) " + from).paramSource(params).query(Long.class).single();
        params.integer("limit", size).bigint("offset", (long) page * size);
        List<T> items = jdbc.sql("select " + select + " " + from + " order by " + orderBy
                        + " limit :limit offset :offset")
                .paramSource(params).query(rows).list();
        return new Page<>(items, page, size, total);
    }
}
