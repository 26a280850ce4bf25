# Ben submits lesson 03 as released, without answering anything.
# based-on: untouched
