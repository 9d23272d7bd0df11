/* A module that follows the ABI except for _start: exec must refuse it. */
__attribute__((export_name("not_start"))) int not_start(void)
{
	return 0;
}
