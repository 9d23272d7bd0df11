/*
 * Intrusive circular doubly linked lists: a struct list_head is embedded in
 * each element and in the list's head; an empty list points at itself.
 */
#ifndef JANUX_LIST_H
#define JANUX_LIST_H

#include <janux/compiler.h>
#include <janux/types.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

/* Make `h` an empty list (or an unlinked element). */
static inline void list_init(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

static inline bool list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline void list_insert_between(struct list_head *n,
				       struct list_head *prev,
				       struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* Insert `n` right after the head (stack order). */
static inline void list_add(struct list_head *n, struct list_head *h)
{
	list_insert_between(n, h, h->next);
}

/* Insert `n` before the head, i.e. at the tail (queue order). */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	list_insert_between(n, h->prev, h);
}

/* Unlink `n` and leave it as an empty list, so a second del is harmless. */
static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)

#define list_for_each_entry(pos, head, member)                              \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);      \
	     &pos->member != (head);                                        \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* Iterate while allowing `pos` to be removed from the list. */
#define list_for_each_entry_safe(pos, tmp, head, member)                    \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),      \
	     tmp = list_entry(pos->member.next, __typeof__(*pos), member);  \
	     &pos->member != (head);                                        \
	     pos = tmp, tmp = list_entry(tmp->member.next, __typeof__(*tmp), member))

#endif
