# Ben submits lesson 02 as released, without answering anything.
# based-on: untouched
