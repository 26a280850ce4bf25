# Ben submits lesson 07 as released, without answering anything.
# based-on: untouched
