"""The multilateral plugin's forms, a module per page family as the views are: the
colander schemas of posts, rounds, alerts, applications, the candidate's profile, the
shortlist, careers, the network and the information pages, with the field widgets and
validators they are made of."""
