/* The 9P channel registry: transports register channels, mount finds them. */
#include <janux/p9_trans.h>
#include <janux/string.h>

static struct list_head chans = LIST_HEAD_INIT(chans);

void p9_chan_register(struct p9_chan *ch)
{
	ch->in_use = false;
	list_add_tail(&ch->link, &chans);
}

struct p9_chan *p9_chan_find(const char *trans, const char *tag)
{
	struct p9_chan *ch;

	list_for_each_entry(ch, &chans, link)
		if (!strcmp(ch->trans, trans) && !strcmp(ch->tag, tag))
			return ch;
	return NULL;
}
