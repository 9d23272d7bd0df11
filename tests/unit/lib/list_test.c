/* kernel/include/janux/list.h: insertion order, removal while iterating. */
#include <janux/list.h>
#include "ktest.h"

struct item {
	int v;
	struct list_head link;
};

KTEST(list, add_tail_keeps_queue_order_add_keeps_stack_order)
{
	struct list_head q = LIST_HEAD_INIT(q), s = LIST_HEAD_INIT(s);
	struct item a[3] = {{.v = 1}, {.v = 2}, {.v = 3}}, b[3] = {{.v = 1}, {.v = 2}, {.v = 3}}, *it;
	int seen = 0;

	for (int i = 0; i < 3; i++) {
		list_add_tail(&a[i].link, &q);
		list_add(&b[i].link, &s);
	}
	list_for_each_entry(it, &q, link)
		seen = seen * 10 + it->v;
	KT_EQ_INT(seen, 123);
	seen = 0;
	list_for_each_entry(it, &s, link)
		seen = seen * 10 + it->v;
	KT_EQ_INT(seen, 321);
}

KTEST(list, safe_iteration_allows_removal)
{
	struct list_head h = LIST_HEAD_INIT(h);
	struct item a[4] = {{.v = 1}, {.v = 2}, {.v = 3}, {.v = 4}}, *it, *tmp;
	int sum = 0;

	for (int i = 0; i < 4; i++)
		list_add_tail(&a[i].link, &h);
	list_for_each_entry_safe(it, tmp, &h, link)
		if (it->v % 2)
			list_del(&it->link);
	list_for_each_entry(it, &h, link)
		sum += it->v;
	KT_EQ_INT(sum, 6);
	list_del(&a[1].link);
	list_del(&a[1].link); /* a second del is harmless */
	list_del(&a[3].link);
	KT_EXPECT(list_empty(&h));
}
